package io.clearpost.crisis;

import io.clearpost.support.InvalidInput;
import io.clearpost.tenancy.CurrentUser;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@RestController
@RequestMapping("/api/crises")
class CrisisController {

    private final Crises crises;

    CrisisController(Crises crises) {
        this.crises = crises;
    }

    @PostMapping
    ResponseEntity<CrisisView> declare(@AuthenticationPrincipal CurrentUser user,
                                       @Valid @RequestBody DeclareCrisis request) {
        CrisisView declared = crises.declare(user, request);
        return ResponseEntity.created(URI.create("/api/crises/" + declared.id())).body(declared);
    }

    @GetMapping("/{id}")
    CrisisView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return crises.get(user, id);
    }

    @GetMapping
    List<CrisisView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand,
                          @RequestParam(required = false) String status) {
        CrisisStatus wanted = null;
        if (status != null) {
            wanted = Arrays.stream(CrisisStatus.values()).filter(s -> s.name().equals(status)).findFirst()
                    .orElseThrow(() -> new InvalidInput("status", "must be one of OPEN, RESOLVED, CLOSED"));
        }
        return crises.list(user, brand, wanted);
    }

    @GetMapping("/{id}/replies")
    List<Object> replies(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return crises.replies(user, id);
    }

    @PostMapping("/{id}/severity")
    CrisisView retriage(@AuthenticationPrincipal CurrentUser user, @PathVariable String id,
                        @Valid @RequestBody Retriage request) {
        return crises.retriage(user, id, request);
    }

    @GetMapping(path = "/{id}/timeline", produces = "application/json")
    CrisisView.Timeline timeline(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return crises.timeline(user, id);
    }

    /** The timeline as CSV (RFC 4180): at, step, actor, details (JSON). */
    @GetMapping(path = "/{id}/timeline", produces = "text/csv")
    ResponseEntity<String> timelineCsv(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        CrisisView.Timeline timeline = crises.timeline(user, id);
        StringBuilder csv = new StringBuilder("at,step,actor,details\r\n");
        for (CrisisView.Step step : timeline.steps()) {
            csv.append(Arrays.stream(new String[] {step.at().toString(), step.step(), step.actor(), json(step.details())})
                    .map(CrisisController::cell).collect(Collectors.joining(","))).append("\r\n");
        }
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"crisis-" + id + "-timeline.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .body(csv.toString());
    }

    private static String json(Map<String, Object> details) {
        return Crisis.json(details);
    }

    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        // a leading = + - @ would be a formula in a spreadsheet
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
