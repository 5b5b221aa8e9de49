package io.clearpost.tenancy;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code /api/admin/brands}: the administrator creates, lists, reads, changes and archives brands. */
@RestController
class BrandAdminController {

    private final BrandAdministration administration;

    BrandAdminController(BrandAdministration administration) {
        this.administration = administration;
    }

    @PostMapping("/api/admin/brands")
    ResponseEntity<BrandAdministration.BrandView> create(@AuthenticationPrincipal CurrentUser caller,
                                                         @RequestBody BrandAdministration.BrandRequest request) {
        BrandAdministration.BrandView brand = administration.create(caller, request);
        return ResponseEntity.created(URI.create("/api/admin/brands/" + brand.id())).body(brand);
    }

    @GetMapping("/api/admin/brands")
    List<BrandAdministration.BrandView> list(@AuthenticationPrincipal CurrentUser caller) {
        return administration.list(caller);
    }

    @GetMapping("/api/admin/brands/{brand}")
    BrandAdministration.BrandView get(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand) {
        return administration.get(caller, brand);
    }

    @PutMapping("/api/admin/brands/{brand}")
    BrandAdministration.BrandView change(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand,
                                         @RequestBody BrandAdministration.BrandRequest request) {
        return administration.change(caller, brand, request);
    }

    @PostMapping("/api/admin/brands/{brand}/archive")
    BrandAdministration.BrandView archive(@AuthenticationPrincipal CurrentUser caller, @PathVariable String brand) {
        return administration.archive(caller, brand);
    }
}
