package io.clearpost.tenancy;

import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The demo profile's brands and users (DESIGN.md §7), created idempotently at start-up. A demo brand stored by
 * an earlier version (no holiday country yet) gets its demo holiday country; its working hours are left as stored.
 * Each password equals the user name: demo only, and the log says so.
 */
@Component
@Profile("demo")
public class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    /** user → groups ({@code <brand>:<role>} or {@code admin}). */
    static final Map<String, List<String>> USERS = Map.of(
            "sam", List.of("acme-bank:strategist", "nova-foods:strategist"),
            "cleo", List.of("acme-bank:creative"),
            "felix", List.of("nova-foods:creative"),
            "lea", List.of("acme-bank:legal"),
            "cora", List.of("acme-bank:compliance"),
            "nina", List.of("nova-foods:brand-manager"),
            "ada", List.of("acme-bank:auditor"),
            "omar", List.of("acme-bank:communications"),
            "root", List.of(Users.ADMIN_GROUP));

    /** user → e-mail, {@code <user>@<brand>.example} (DESIGN.md §7). */
    static final Map<String, String> EMAILS = Map.of(
            "sam", "sam@agency.example",
            "cleo", "cleo@acme-bank.example",
            "felix", "felix@nova-foods.example",
            "lea", "lea@acme-bank.example",
            "cora", "cora@acme-bank.example",
            "nina", "nina@nova-foods.example",
            "ada", "ada@acme-bank.example",
            "omar", "omar@acme-bank.example",
            "root", "root@clearpost.example");

    /** user → time zone: the agency and acme-bank's people in Paris, nova-foods' in New York. */
    static final Map<String, ZoneId> ZONES = Map.of(
            "sam", ZoneId.of("Europe/Paris"),
            "cleo", ZoneId.of("Europe/Paris"),
            "felix", ZoneId.of("America/New_York"),
            "lea", ZoneId.of("Europe/Paris"),
            "cora", ZoneId.of("Europe/Paris"),
            "nina", ZoneId.of("America/New_York"),
            "ada", ZoneId.of("Europe/Paris"),
            "omar", ZoneId.of("Europe/Paris"),
            "root", ZoneId.of("UTC"));

    /** The demo users' address before they had real-looking ones; replaced at start-up. */
    private static final String OLD_DOMAIN = "@demo.clearpost.invalid";

    private final IdentityService identity;
    private final BrandRepository brands;
    private final Users users;
    private final BrandTenants tenants;

    DemoData(IdentityService identity, BrandRepository brands, Users users, BrandTenants tenants) {
        this.identity = identity;
        this.brands = brands;
        this.users = users;
        this.tenants = tenants;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.HIGHEST_PRECEDENCE)
    @Transactional
    public void create() {
        brand(Brand.create("acme-bank", "Acme Bank", ZoneId.of("Europe/Paris"), true, false,
                List.of("linkedin", "x", "facebook"),
                List.of("Capital at risk."),
                List.of("guaranteed returns", "risk-free")), WorkingHours.DEFAULT, "FR");
        brand(Brand.create("nova-foods", "Nova Foods", ZoneId.of("America/New_York"), false, true,
                List.of("instagram", "tiktok", "threads", "pinterest"),
                List.of(),
                List.of("cures", "miracle")), WorkingHours.DEFAULT, "US");
        USERS.forEach(this::user);
        log.warn("DEMO PROFILE ACTIVE: demo users {} have their user name as password. Never use the demo profile in production.",
                USERS.keySet().stream().sorted().toList());
    }

    private void brand(Brand brand, WorkingHours hours, String holidayCountry) {
        Brand stored = brands.findById(brand.id()).orElse(null);
        if (stored == null) {
            brand.changeCalendar(hours, holidayCountry);
            brands.save(brand);
        } else if (stored.holidayCountry() == null) {
            stored.changeCalendar(stored.workingHours(), holidayCountry);
            brands.save(stored);
        }
        tenants.ensure(brand.id(), brand.name());
    }

    private void user(String id, List<String> groups) {
        if (!users.hasTimeZone(id)) {
            users.setTimeZone(id, ZONES.get(id));
        }
        User existing = identity.createUserQuery().userId(id).singleResult();
        if (existing != null) {
            // demo users created before they had addresses of their brand get them; any other address stays
            if (existing.getEmail() == null || existing.getEmail().endsWith(OLD_DOMAIN)) {
                existing.setEmail(EMAILS.get(id));
                identity.saveUser(existing);
            }
            return;
        }
        if (groups.contains(Users.ADMIN_GROUP) && identity.createGroupQuery().groupId(Users.ADMIN_GROUP).count() == 0) {
            var admin = identity.newGroup(Users.ADMIN_GROUP);
            admin.setName("Administrators");
            admin.setType("SYSTEM");
            identity.saveGroup(admin);
        }
        User user = identity.newUser(id);
        user.setFirstName(id);
        user.setLastName("(demo)");
        user.setEmail(EMAILS.get(id));
        user.setPassword(id);
        identity.saveUser(user);
        groups.forEach(group -> identity.createMembership(id, group));
    }
}
