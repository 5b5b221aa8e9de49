package io.clearpost.publish;

import io.clearpost.audit.AuditLog;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import io.clearpost.web.ApiException;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;

/**
 * Freezing a brand holds every publication that comes due; lifting the freeze sends each held
 * post to confirm-held-post. publication.bpmn asks {@code ${brandFreeze.isFrozen(brand)}}.
 */
@Component("brandFreeze")
public class BrandFreeze {

    private final BrandRepository brands;
    private final RuntimeService runtime;
    private final AuditLog audit;

    BrandFreeze(BrandRepository brands, RuntimeService runtime, AuditLog audit) {
        this.brands = brands;
        this.runtime = runtime;
        this.audit = audit;
    }

    public boolean isFrozen(String brand) {
        return brands.findById(brand).map(Brand::frozen).orElse(false);
    }

    /**
     * Whether the brand is still frozen, holding its row until the caller's transaction ends: an
     * unfreeze then waits for a post being held to commit, so its "freeze lifted" reaches that post.
     */
    boolean stillFrozen(String brand) {
        return Boolean.TRUE.equals(brands.lockFrozen(brand));
    }

    @Transactional
    public void freeze(CurrentUser user, String brandId) {
        Brand brand = allowed(user, brandId);
        if (!brand.frozen()) {
            brand.freeze();
            brands.save(brand);
            audit.append(brandId, "BRAND_FROZEN", user.id(), null, null, Map.of("frozen", true));
        }
    }

    @Transactional
    public void unfreeze(CurrentUser user, String brandId) {
        Brand brand = allowed(user, brandId);
        if (brand.frozen()) {
            brand.unfreeze();
            brands.save(brand);
            audit.append(brandId, "BRAND_UNFROZEN", user.id(), null, null, Map.of("frozen", false));
            runtime.createMessageCorrelation("FreezeLifted").tenantId(brandId).correlateAll();
        }
    }

    private Brand allowed(CurrentUser user, String brandId) {
        user.requireRole(brandId, "brand " + brandId, true, Role.STRATEGIST);
        return brands.findById(brandId).orElseThrow(() -> ApiException.notFound("brand " + brandId));
    }
}
