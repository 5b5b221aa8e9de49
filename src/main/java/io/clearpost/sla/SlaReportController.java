package io.clearpost.sla;

import io.clearpost.support.InvalidInput;
import io.clearpost.support.TimeRange;
import io.clearpost.tenancy.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** On-time rate and cycle times per task key of a brand (strategist, brand manager, auditor, admin). */
@RestController
class SlaReportController {

    private final SlaReport reports;

    SlaReportController(SlaReport reports) {
        this.reports = reports;
    }

    @GetMapping("/api/sla/report")
    SlaReport.Report report(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand,
                            @RequestParam String from, @RequestParam String to) {
        if (brand.isBlank()) {
            throw new InvalidInput("brand", "is required");
        }
        return reports.report(user, brand, TimeRange.parse(from, to));
    }
}
