package io.clearpost.crisis;

import io.clearpost.tenancy.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/brands/{brand}/playbooks")
class PlaybookController {

    private final Playbooks playbooks;

    PlaybookController(Playbooks playbooks) {
        this.playbooks = playbooks;
    }

    @PostMapping
    ResponseEntity<PlaybookView> create(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand,
                                        @RequestBody PlaybookRequest request) {
        PlaybookView created = playbooks.create(user, brand, request);
        return ResponseEntity.created(URI.create("/api/brands/" + brand + "/playbooks/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<PlaybookView> list(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand) {
        return playbooks.list(user, brand);
    }

    @GetMapping("/{id}")
    PlaybookView get(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand, @PathVariable String id) {
        return playbooks.get(user, brand, id);
    }

    @PutMapping("/{id}")
    PlaybookView revise(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand, @PathVariable String id,
                        @RequestBody PlaybookRequest request) {
        return playbooks.revise(user, brand, id, request);
    }

    @PostMapping("/{id}/approvals")
    PlaybookView decide(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand, @PathVariable String id,
                        @RequestBody PlaybookDecisionRequest request) {
        return playbooks.decide(user, brand, id, request);
    }
}
