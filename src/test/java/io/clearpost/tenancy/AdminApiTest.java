package io.clearpost.tenancy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Problem;
import io.clearpost.support.TestIdentities;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administration API over real HTTP: users (with invitations), memberships and brands, each answer with its
 * status and problem+json, and nothing changed by a refused request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminApiTest {

    @LocalServerPort
    int port;
    @Autowired
    IdentityService identity;
    @Autowired
    JdbcClient jdbc;

    private Api root() {
        return Api.as(port, "root");
    }

    private static final String ALL_TIME = "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> newUser(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Ines Martin");
        body.put("email", id + "@tide.example");
        body.put("timeZone", "Europe/Paris");
        return body;
    }

    // ---- users ----------------------------------------------------------------------------------

    @Test
    void anAdministratorCreatesReadsListsAndChangesUsers() {
        String id = unique("ines");
        Api.Response created = root().post("/api/admin/users", newUser(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/admin/users/" + id);
        JsonNode user = created.json();
        assertThat(user.path("id").asText()).isEqualTo(id);
        assertThat(user.path("name").asText()).isEqualTo("Ines Martin");
        assertThat(user.path("email").asText()).isEqualTo(id + "@tide.example");
        assertThat(user.path("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(user.path("enabled").asBoolean()).isTrue();
        assertThat(user.path("invitationPending").asBoolean()).isTrue();
        assertThat(user.path("brands").size()).isZero();
        // the invitation is mailed through the outbox, in the same transaction
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_outbox WHERE recipient = ? AND kind = 'INVITATION'")
                .param(id).query(Long.class).single()).isEqualTo(1);

        Api.Response read = root().get("/api/admin/users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json()).isEqualTo(user);
        Api.Response list = root().get("/api/admin/users");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsText("id")).contains(id, "root", "sam");

        Api.Response changed = root().put("/api/admin/users/" + id,
                Map.of("name", "Ines Martin-Roux", "email", "ines.roux@tide.example", "timeZone", "America/New_York"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("name").asText()).isEqualTo("Ines Martin-Roux");
        assertThat(changed.json().path("email").asText()).isEqualTo("ines.roux@tide.example");
        assertThat(changed.json().path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(changed.json().path("enabled").asBoolean()).isTrue();
    }

    @Test
    void badUsersAreRefusedNamingTheFieldAndNothingIsCreated() {
        String id = unique("bad");
        Map<String, Object> body = newUser(id);
        body.put("email", "not-an-address");
        body.put("timeZone", "Europe/Atlantis");
        Problem.invalid(root().post("/api/admin/users", body), "email", "timeZone");
        Map<String, Object> badId = newUser("Not An Id!");
        Problem.invalid(root().post("/api/admin/users", badId), "id");
        Map<String, Object> noName = newUser(id);
        noName.remove("name");
        Problem.invalid(root().post("/api/admin/users", noName), "name");
        assertThat(identity.createUserQuery().userId(id).count()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM invitation WHERE user_id = ?").param(id).query(Long.class).single())
                .isZero();

        // an existing id: 409, the existing user unchanged
        Problem.of(root().post("/api/admin/users", newUser("sam")), 409);
        assertThat(identity.createUserQuery().userId("sam").singleResult().getEmail()).isEqualTo("sam@agency.example");

        String existing = unique("change");
        assertThat(root().post("/api/admin/users", newUser(existing)).status()).isEqualTo(201);
        Problem.invalid(root().put("/api/admin/users/" + existing, Map.of("email", "nope", "timeZone", "+02:00")),
                "email", "timeZone");
        assertThat(root().get("/api/admin/users/" + existing).json().path("email").asText())
                .isEqualTo(existing + "@tide.example");
        // an administrator does not lock themselves out
        Problem.of(root().put("/api/admin/users/root", Map.of("enabled", false)), 409);
    }

    @Test
    void onlyAdministratorsManageUsers() {
        String id = unique("nobody");
        Problem.unauthorized(Api.anonymous(port).post("/api/admin/users", newUser(id)));
        Problem.unauthorized(Api.anonymous(port).get("/api/admin/users"));
        Problem.of(Api.as(port, "sam").post("/api/admin/users", newUser(id)), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/users"), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/users/cleo"), 403);
        Problem.of(Api.as(port, "sam").put("/api/admin/users/cleo", Map.of("enabled", false)), 403);
        Problem.of(Api.as(port, "sam").post("/api/admin/users/cleo/reset", Map.of()), 403);
        assertThat(identity.createUserQuery().userId(id).count()).isZero();

        Problem.of(root().get("/api/admin/users/" + id), 404);
        Problem.of(root().put("/api/admin/users/" + id, Map.of("name", "X")), 404);
        Problem.of(root().post("/api/admin/users/" + id + "/reset", Map.of()), 404);
    }

    @Test
    void anInvitationIsTheOnlyApiWithoutCredentialsAndStillNeedsJson() {
        Problem.of(Api.anonymous(port).post("/api/invitations/" + "A".repeat(43), Map.of("password", "long enough pw")), 404);
        Problem.invalid(Api.anonymous(port).post("/api/invitations/" + "A".repeat(43), "{\"password\": 5}"), "password");
    }

    // ---- brands -----------------------------------------------------------------------------------

    private static Map<String, Object> newBrand(String id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Tide Insurance");
        body.put("timeZone", "Europe/Paris");
        body.put("regulated", true);
        body.put("clientSignOff", false);
        body.put("platforms", List.of("linkedin"));
        body.put("mandatoryMentions", List.of());
        body.put("bannedTerms", List.of());
        body.put("holidayCountry", "FR");
        return body;
    }

    private String createBrand() {
        String id = unique("tide");
        Api.Response created = root().post("/api/admin/brands", newBrand(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return id;
    }

    private List<String> auditTypes(String brand) {
        Api.Response export = root().get("/api/audit/export?brand=" + brand + "&format=jsonl" + ALL_TIME);
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        return export.text().lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readTree(l).path("type").asText();
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
    }

    private void chainIsValid(String brand) {
        Api.Response verify = root().get("/api/audit/verify?brand=" + brand);
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.json().path("valid").asBoolean()).as(verify.toString()).isTrue();
    }

    @Test
    void anAdministratorCreatesChangesAndArchivesABrandAndTheChainRecordsIt() {
        String id = unique("tide");
        Api.Response created = root().post("/api/admin/brands", newBrand(id));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/api/admin/brands/" + id);
        JsonNode brand = created.json();
        assertThat(brand.path("regulated").asBoolean()).isTrue();
        assertThat(brand.path("holidayCountry").asText()).isEqualTo("FR");
        assertThat(brand.path("workingHours").asText()).isEqualTo("MON-FRI 09:00-18:00");
        assertThat(brand.path("archived").asBoolean()).isFalse();
        // an engine tenant with its role groups
        assertThat(identity.createTenantQuery().tenantId(id).count()).isEqualTo(1);
        assertThat(identity.createGroupQuery().groupId(id + ":legal").count()).isEqualTo(1);
        assertThat(root().get("/api/admin/brands/" + id).json()).isEqualTo(brand);
        assertThat(root().get("/api/admin/brands").json().findValuesAsText("id")).contains(id, "acme-bank", "nova-foods");

        Api.Response changed = root().put("/api/admin/brands/" + id,
                Map.of("bannedTerms", List.of("guaranteed returns"), "workingHours", "MON-THU 08:00-17:00"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("bannedTerms").get(0).asText()).isEqualTo("guaranteed returns");
        assertThat(changed.json().path("name").asText()).as("left out: unchanged").isEqualTo("Tide Insurance");

        // a strategist of the brand (granted here) submits briefs until the brand is archived
        String strategist = TestIdentities.of(identity).user("tide-strategist");
        assertThat(root().put("/api/admin/brands/" + id + "/members/" + strategist,
                Map.of("roles", List.of("strategist"))).status()).isEqualTo(200);
        Api.Response archived = root().post("/api/admin/brands/" + id + "/archive", Map.of());
        assertThat(archived.status()).as(archived.toString()).isEqualTo(200);
        assertThat(archived.json().path("archived").asBoolean()).isTrue();
        Problem.of(root().post("/api/admin/brands/" + id + "/archive", Map.of()), 409);
        Problem.of(Api.as(port, strategist).post("/api/briefs", Map.of("brand", id, "title", "After the end",
                "objective", "o", "audience", "a", "keyMessages", List.of("k"), "mandatoryMentions", List.of(),
                "category", "standard", "deliverables", List.of(Map.of("platforms", List.of("linkedin"),
                        "publishAfter", "2030-01-01T09:00:00+01:00", "publishBefore", "2030-01-10T09:00:00+01:00")))), 409);
        // still readable
        assertThat(Api.as(port, strategist).get("/api/briefs?brand=" + id).status()).isEqualTo(200);

        assertThat(auditTypes(id)).containsExactly("BRAND_CREATED", "BRAND_CHANGED", "MEMBERSHIP_CHANGED", "BRAND_ARCHIVED");
        String changes = root().get("/api/audit/export?brand=" + id + "&format=jsonl" + ALL_TIME).text();
        assertThat(changes).contains("guaranteed returns").contains("MON-THU 08:00-17:00")
                .contains("\"actor\":\"root\"");
        chainIsValid(id);
    }

    @Test
    void badBrandsAreRefusedNamingTheFieldAndNothingIsCreated() {
        String id = unique("bad-brand");
        Map<String, Object> body = newBrand(id);
        body.put("timeZone", "Mars/Olympus");
        body.put("holidayCountry", "ZZ");
        body.put("platforms", List.of("linkedin", "myspace"));
        body.put("workingHours", "sometimes");
        Problem.invalid(root().post("/api/admin/brands", body), "timeZone", "holidayCountry", "platforms[1]",
                "workingHours");
        Problem.invalid(root().post("/api/admin/brands", newBrand("Not_Kebab")), "id");
        assertThat(identity.createTenantQuery().tenantId(id).count()).isZero();
        Problem.of(root().get("/api/admin/brands/" + id), 404);

        Problem.of(root().post("/api/admin/brands", newBrand("acme-bank")), 409);
        assertThat(root().get("/api/admin/brands/acme-bank").json().path("regulated").asBoolean()).isTrue();

        String existing = createBrand();
        Problem.invalid(root().put("/api/admin/brands/" + existing, Map.of("holidayCountry", "XX")), "holidayCountry");
        Problem.invalid(root().put("/api/admin/brands/" + existing, Map.of("id", "other")), "id");
        assertThat(root().get("/api/admin/brands/" + existing).json().path("holidayCountry").asText()).isEqualTo("FR");
        Problem.of(root().put("/api/admin/brands/" + id, Map.of("name", "x")), 404);
        Problem.of(root().post("/api/admin/brands/" + id + "/archive", Map.of()), 404);
        assertThat(auditTypes(existing)).containsExactly("BRAND_CREATED");
    }

    @Test
    void onlyAdministratorsManageBrands() {
        String id = unique("nope");
        Problem.unauthorized(Api.anonymous(port).post("/api/admin/brands", newBrand(id)));
        Problem.of(Api.as(port, "sam").post("/api/admin/brands", newBrand(id)), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/brands"), 403);
        Problem.of(Api.as(port, "sam").get("/api/admin/brands/acme-bank"), 403);
        Problem.of(Api.as(port, "sam").put("/api/admin/brands/acme-bank", Map.of("regulated", false)), 403);
        Problem.of(Api.as(port, "sam").post("/api/admin/brands/acme-bank/archive", Map.of()), 403);
        assertThat(root().get("/api/admin/brands/acme-bank").json().path("archived").asBoolean()).isFalse();
        assertThat(identity.createTenantQuery().tenantId(id).count()).isZero();
    }

    @Test
    void theBrandPlatformsAreContentsPlatforms() {
        assertThat(BrandAdministration.PLATFORMS).containsExactlyInAnyOrderElementsOf(
                java.util.Arrays.stream(io.clearpost.content.Platform.values()).map(p -> p.key()).toList());
    }

    // ---- memberships ----------------------------------------------------------------------------

    @Test
    void anAdministratorReplacesAndRemovesRolesAndTheChainRecordsEachChange() {
        String brand = createBrand();
        String user = TestIdentities.of(identity).user("member");
        Api.Response put = root().put("/api/admin/brands/" + brand + "/members/" + user,
                Map.of("roles", List.of("legal", "compliance")));
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.json().path("roles").toString()).isEqualTo("[\"legal\",\"compliance\"]");
        assertThat(Api.as(port, user).get("/api/me").json().path("brands").toString()).contains(brand).contains("legal");

        assertThat(root().put("/api/admin/brands/" + brand + "/members/" + user, Map.of("roles", List.of("legal")))
                .json().path("roles").toString()).isEqualTo("[\"legal\"]");
        JsonNode members = root().get("/api/brands/" + brand + "/members").json();
        assertThat(members.findValuesAsText("user")).containsExactly(user);

        assertThat(root().delete("/api/admin/brands/" + brand + "/members/" + user).status()).isEqualTo(204);
        Problem.of(root().delete("/api/admin/brands/" + brand + "/members/" + user), 404);
        assertThat(root().get("/api/brands/" + brand + "/members").json().size()).isZero();

        assertThat(auditTypes(brand)).containsExactly("BRAND_CREATED", "MEMBERSHIP_CHANGED", "MEMBERSHIP_CHANGED",
                "MEMBERSHIP_REMOVED");
        chainIsValid(brand);

        Problem.invalid(root().put("/api/admin/brands/" + brand + "/members/" + user,
                Map.of("roles", List.of("legal", "overlord"))), "roles[1]");
        Problem.invalid(root().put("/api/admin/brands/" + brand + "/members/" + user, Map.of("roles", List.of())), "roles");
        Problem.of(root().put("/api/admin/brands/" + brand + "/members/nobody-" + UUID.randomUUID(),
                Map.of("roles", List.of("legal"))), 404);
        Problem.of(root().put("/api/admin/brands/no-such-brand-x/members/" + user, Map.of("roles", List.of("legal"))), 404);
        Problem.unauthorized(Api.anonymous(port).put("/api/admin/brands/" + brand + "/members/" + user,
                Map.of("roles", List.of("legal"))));
        assertThat(auditTypes(brand)).hasSize(4);
    }

    @Test
    void aStrategistGrantsAndRevokesOnlyCreativeInTheirOwnBrands() {
        String brand = createBrand();
        String strategist = TestIdentities.of(identity).user("agency", brand + ":strategist");
        String freelancer = TestIdentities.of(identity).user("freelancer");
        Api agency = Api.as(port, strategist);

        Api.Response granted = agency.put("/api/admin/brands/" + brand + "/members/" + freelancer,
                Map.of("roles", List.of("creative")));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(Api.as(port, freelancer).get("/api/me").json().path("brands").toString()).contains(brand);

        // anything but creative: 403, nothing changed
        Problem.of(agency.put("/api/admin/brands/" + brand + "/members/" + freelancer,
                Map.of("roles", List.of("creative", "legal"))), 403);
        Problem.of(agency.put("/api/admin/brands/" + brand + "/members/" + strategist,
                Map.of("roles", List.of("strategist", "auditor"))), 403);
        // revoking their own strategist role is not creative either
        Problem.of(agency.delete("/api/admin/brands/" + brand + "/members/" + strategist), 403);
        // another brand: 404
        Problem.of(agency.put("/api/admin/brands/acme-bank/members/" + freelancer,
                Map.of("roles", List.of("creative"))), 404);
        // other roles of the brand: 403
        String legal = TestIdentities.of(identity).user("legal", brand + ":legal");
        Problem.of(Api.as(port, legal).put("/api/admin/brands/" + brand + "/members/" + freelancer,
                Map.of("roles", List.of("creative"))), 403);
        Problem.of(Api.as(port, legal).get("/api/brands/" + brand + "/members"), 403);
        Problem.of(Api.as(port, freelancer).get("/api/brands/" + brand + "/members"), 403);
        Problem.of(Api.as(port, "nina").get("/api/brands/" + brand + "/members"), 404);

        JsonNode members = agency.get("/api/brands/" + brand + "/members").json();
        assertThat(members.findValuesAsText("user")).containsExactlyInAnyOrder(strategist, freelancer, legal);

        assertThat(agency.delete("/api/admin/brands/" + brand + "/members/" + freelancer).status()).isEqualTo(204);
        assertThat(Api.as(port, freelancer).get("/api/me").json().path("brands").toString()).doesNotContain(brand);

        assertThat(auditTypes(brand)).containsExactly("BRAND_CREATED", "MEMBERSHIP_CHANGED", "MEMBERSHIP_REMOVED");
        String trail = root().get("/api/audit/export?brand=" + brand + "&format=jsonl" + ALL_TIME).text();
        assertThat(trail).contains(strategist).contains(freelancer);
        chainIsValid(brand);
    }
}
