package io.clearpost.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.support.Api;
import io.clearpost.support.Lifecycle;
import io.clearpost.support.MailServer;
import io.clearpost.support.MailTestContext;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declaring a crisis mails the whole crisis cell of the brand at once (strategists, brand managers, legal, compliance,
 * communications; the administrators too) through SMTP (GreenMail); nobody outside the cell. Each crisis is closed
 * again at the end.
 */
@MailTestContext
class CrisisAlertMailTest {

    @LocalServerPort
    int port;

    @BeforeAll
    static void mailServer() {
        MailServer.start();
    }

    @Test
    void theCrisisCellReceivesTheAlert() {
        Lifecycle flow = Lifecycle.on(port);
        Api.Response declared = flow.as("lea").post("/api/crises",
                CrisisApiTest.declaration("acme-bank", List.of("linkedin")));
        assertThat(declared.status()).as("%s", declared).isEqualTo(201);
        String link = "https://clearpost.test/api/crises/" + declared.json().path("id").asText();

        for (String member : List.of("sam@agency.example", "lea@acme-bank.example", "cora@acme-bank.example",
                "omar@acme-bank.example", "root@clearpost.example")) {
            MimeMessage mail = MailServer.await(member, m -> MailServer.text(m).contains(link));
            assertThat(MailServer.subject(mail)).contains("Crisis declared for acme-bank");
            assertThat(MailServer.text(mail)).contains("Card payments fail", "lea declared a crisis");
        }
        assertThat(MailServer.to("cleo@acme-bank.example")).as("creatives are not in the crisis cell")
                .noneMatch(m -> MailServer.text(m).contains(link));
        assertThat(MailServer.to("ada@acme-bank.example")).as("auditors read; they are not alerted")
                .noneMatch(m -> MailServer.text(m).contains(link));

        closeAtSeverityOne(flow, "acme-bank", "lea");
    }

    @Test
    void aBrandManagerDeclaresAndTheCellOfTheirBrandIsAlerted() {
        Lifecycle flow = Lifecycle.on(port);
        Api.Response declared = flow.as("nina").post("/api/crises",
                CrisisApiTest.declaration("nova-foods", List.of("threads")));
        assertThat(declared.status()).as("a brand manager may declare: %s", declared).isEqualTo(201);
        String link = "https://clearpost.test/api/crises/" + declared.json().path("id").asText();

        for (String member : List.of("nina@nova-foods.example", "sam@agency.example", "root@clearpost.example")) {
            MimeMessage mail = MailServer.await(member, m -> MailServer.text(m).contains(link));
            assertThat(MailServer.subject(mail)).contains("Crisis declared for nova-foods");
        }
        assertThat(MailServer.to("felix@nova-foods.example")).as("creatives are not in the crisis cell")
                .noneMatch(m -> MailServer.text(m).contains(link));
        assertThat(MailServer.to("lea@acme-bank.example")).as("another brand's cell is not alerted")
                .noneMatch(m -> MailServer.text(m).contains(link));

        closeAtSeverityOne(flow, "nova-foods", "nina");
    }

    /** Severity 1 (no freeze), resolved, post-mortem: the brand has no open crisis again. */
    private static void closeAtSeverityOne(Lifecycle flow, String brand, String cellMember) {
        JsonNode triage = flow.findTask(cellMember, "triage-crisis", t -> brand.equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete(cellMember, triage.path("id").asText(), Map.of("severity", 1));
        JsonNode resolve = flow.findTask("sam", "resolve-crisis", t -> brand.equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("sam", resolve.path("id").asText(), Map.of("summary", "A false alarm"));
        JsonNode postMortem = flow.findTask("sam", "post-mortem", t -> brand.equals(t.path("brand").asText()))
                .orElseThrow();
        flow.complete("sam", postMortem.path("id").asText(), Map.of("whatHappened", "A rumour",
                "whatWorked", "Fast triage"));
        assertThat(flow.as("sam").get("/api/crises?brand=" + brand + "&status=OPEN").json()).isEmpty();
    }
}
