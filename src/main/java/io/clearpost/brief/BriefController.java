package io.clearpost.brief;

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
import java.util.List;

@RestController
@RequestMapping("/api/briefs")
class BriefController {

    private final BriefService briefs;

    BriefController(BriefService briefs) {
        this.briefs = briefs;
    }

    @PostMapping
    ResponseEntity<BriefView> create(@AuthenticationPrincipal CurrentUser user, @Valid @RequestBody CreateBrief request) {
        BriefView created = briefs.create(user, request);
        return ResponseEntity.created(URI.create("/api/briefs/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    BriefView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String id) {
        return briefs.get(user, id);
    }

    @GetMapping
    List<BriefView> list(@AuthenticationPrincipal CurrentUser user, @RequestParam String brand) {
        return briefs.list(user, brand);
    }
}
