package io.clearpost.publish;

import io.clearpost.tenancy.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/brands/{brand}")
class BrandFreezeController {

    private final BrandFreeze freeze;

    BrandFreezeController(BrandFreeze freeze) {
        this.freeze = freeze;
    }

    @PostMapping("/freeze")
    ResponseEntity<Void> freeze(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand) {
        freeze.freeze(user, brand);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/unfreeze")
    ResponseEntity<Void> unfreeze(@AuthenticationPrincipal CurrentUser user, @PathVariable String brand) {
        freeze.unfreeze(user, brand);
        return ResponseEntity.noContent().build();
    }
}
