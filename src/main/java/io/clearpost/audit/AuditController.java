package io.clearpost.audit;

import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import io.clearpost.web.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The auditor's read-only view: approval history per content item or brief, and chain verification. */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private final AuditLog audit;
    private final JdbcClient jdbc;

    AuditController(AuditLog audit, JdbcClient jdbc) {
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/content/{id}")
    List<AuditEvent> content(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        requireAuditor(user, brandOf("content_item", id, "content " + id), "content " + id);
        return audit.forContent(id);
    }

    @GetMapping("/briefs/{id}")
    List<AuditEvent> brief(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        requireAuditor(user, brandOf("brief", id, "brief " + id), "brief " + id);
        return audit.forBrief(id);
    }

    @GetMapping("/verify")
    AuditLog.Verification verify(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand) {
        requireAuditor(user, brand, "brand " + brand);
        return audit.verify(brand);
    }

    private static void requireAuditor(CurrentUser user, String brand, String what) {
        user.requireRole(brand, what, true, Role.AUDITOR);
    }

    private String brandOf(String table, String id, String what) {
        return jdbc.sql("SELECT brand FROM " + table + " WHERE id = ?").param(id).query(String.class).optional()
                .orElseThrow(() -> ApiException.notFound(what));
    }
}
