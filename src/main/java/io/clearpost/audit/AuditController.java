package io.clearpost.audit;

import io.clearpost.support.NotFound;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.TimeRange;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The auditor's read-only view: approval history per content item or brief, chain verification and the
 * export. Reads append nothing to the chain: it records changes, not who looked at them.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    /** File names carry the range as basic ISO-8601 UTC: no ':' or '+' to trouble a file system. */
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    private final AuditExport export;
    private final JdbcClient jdbc;

    AuditController(AuditLog audit, AuditExport export, JdbcClient jdbc) {
        this.audit = audit;
        this.export = export;
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

    /** Streams the brand's events with {@code at} in [from, to), in sequence order, as CSV or JSON Lines. */
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand,
                                                 @RequestParam String from, @RequestParam String to,
                                                 @RequestParam String format) {
        if (brand.isBlank()) {
            throw new InvalidInput("brand", "is required");
        }
        TimeRange range = TimeRange.parse(from, to);
        Instant start = range.start();
        Instant end = range.end();
        AuditExport.Format chosen = AuditExport.Format.of(format)
                .orElseThrow(() -> new InvalidInput("format", "must be csv or jsonl"));
        requireAuditor(user, brand, "brand " + brand);
        String filename = "audit-" + brand + "-" + FILE_TIME.format(start) + "-" + FILE_TIME.format(end) + "."
                + chosen.extension;
        return ResponseEntity.ok()
                .contentType(chosen.mediaType)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
                .body(out -> export.write(brand, start, end, chosen, out));
    }

    private static void requireAuditor(CurrentUser user, String brand, String what) {
        user.requireRole(brand, what, true, Role.AUDITOR);
    }

    private String brandOf(String table, String id, String what) {
        return jdbc.sql("SELECT brand FROM " + table + " WHERE id = ?").param(id).query(String.class).optional()
                .orElseThrow(() -> new NotFound(what));
    }
}
