package io.clearpost.publish;

import io.clearpost.support.NotFound;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;


/**
 * Freezing a brand holds every publication that comes due; lifting the freeze sends each held
 * post to confirm-held-post. The publishing job asks {@link #isFrozen} just before each platform call.
 */
@Component("brandFreeze")
public class BrandFreeze {

    private final BrandRepository brands;
    private final RuntimeService runtime;
    BrandFreeze(BrandRepository brands, RuntimeService runtime) {
        this.brands = brands;
        this.runtime = runtime;
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
        allowed(user, brandId);
        freeze(brandId, user.id());
    }

    @Transactional
    public void unfreeze(CurrentUser user, String brandId) {
        allowed(user, brandId);
        unfreeze(brandId, user.id());
    }

    /** Freezes the brand for a process (crisis-escalation.bpmn): whoever drove the process there is the actor. */
    @Transactional
    public void freeze(String brandId, String actor) {
        Brand brand = brands.findById(brandId).orElseThrow(() -> new NotFound("brand " + brandId));
        if (!brand.frozen()) {
            brand.freeze(actor);
            brands.save(brand);
        }
    }

    /** Lifts the freeze for a process: every held post goes on to confirm-held-post. */
    @Transactional
    public void unfreeze(String brandId, String actor) {
        Brand brand = brands.findById(brandId).orElseThrow(() -> new NotFound("brand " + brandId));
        if (brand.frozen()) {
            brand.unfreeze(actor);
            brands.save(brand);
            runtime.createMessageCorrelation("FreezeLifted").tenantId(brandId).correlateAll();
        }
    }

    private Brand allowed(CurrentUser user, String brandId) {
        user.requireRole(brandId, "brand " + brandId, true, Role.STRATEGIST);
        return brands.findById(brandId).orElseThrow(() -> new NotFound("brand " + brandId));
    }
}
