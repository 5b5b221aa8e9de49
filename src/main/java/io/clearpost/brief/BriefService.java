package io.clearpost.brief;

import io.clearpost.engine.EngineClock;
import io.clearpost.support.NotFound;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.Platform;
import io.clearpost.support.Conflict;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import io.clearpost.tenancy.Users;
import org.operaton.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Submits briefs: validates them completely before storing anything, then plans the deliverables
 * and starts the {@code brief} process, all in one transaction.
 */
@Service
public class BriefService {

    private final BriefRepository briefs;
    private final BrandRepository brands;
    private final ContentService content;
    private final Users users;
    private final RuntimeService runtime;

    BriefService(BriefRepository briefs, BrandRepository brands, ContentService content, Users users,
                 RuntimeService runtime) {
        this.briefs = briefs;
        this.brands = brands;
        this.content = content;
        this.users = users;
        this.runtime = runtime;
    }

    @Transactional
    public BriefView create(CurrentUser user, CreateBrief request) {
        // an unknown brand and a brand one does not belong to look the same: nothing leaks across brands
        Brand brand = Optional.ofNullable(request.brand()).filter(user::belongsTo).flatMap(brands::findById)
                .orElseThrow(() -> new InvalidInput("brand", "is not a brand you work for"));
        user.requireRole(brand.id(), "brand " + brand.id(), true, Role.STRATEGIST, Role.BRAND_MANAGER);
        if (brand.archived()) {
            throw new Conflict("Brand " + brand.id() + " is archived: it takes no new briefs");
        }
        Category category = validate(request, brand);

        Instant now = EngineClock.now();
        List<String> mentions = Optional.ofNullable(request.mandatoryMentions()).orElse(List.of());
        Brief brief = briefs.save(Brief.submit(brand.id(), request.title(), request.objective(), request.audience(),
                request.keyMessages(), mentions, category, request.deliverables().size(), user.id(), now));

        List<ContentItem> items = new ArrayList<>();
        for (int i = 0; i < request.deliverables().size(); i++) {
            CreateBrief.Deliverable d = request.deliverables().get(i);
            ContentItem item = content.plan(brief.id(), brand.id(), i, d.platforms(), d.publishAfter().toInstant(),
                    d.publishBefore().toInstant(), d.plannedAt() == null ? null : d.plannedAt().toInstant(), mentions,
                    d.creative(), user.id());
            items.add(item);
        }
        runtime.createProcessInstanceByKey("brief")
                .businessKey(brief.id())
                .setVariable("brand", brand.id())
                .setVariable("briefId", brief.id())
                .setVariable("category", category.key())
                .setVariable("regulated", brand.regulated())
                .setVariable("clientSignOff", brand.clientSignOff())
                .execute();
        return BriefView.of(brief, content.ofBrief(brief.id()));
    }

    @Transactional(readOnly = true)
    public BriefView get(CurrentUser user, String id) {
        Brief brief = briefs.findById(id).orElseThrow(() -> new NotFound("brief " + id));
        user.requireBrand(brief.brand(), "brief " + id);
        return visible(user, brief).orElseThrow(() -> new NotFound("brief " + id));
    }

    @Transactional(readOnly = true)
    public List<BriefView> list(CurrentUser user, String brand) {
        user.requireBrand(brand, "brand " + brand);
        return briefs.findByBrandOrderByCreatedAtDesc(brand).stream()
                .flatMap(brief -> visible(user, brief).stream()).toList();
    }

    /**
     * The brief as the caller may see it: whole for everyone with a role in its brand; for a freelance creative,
     * only with the deliverables assigned to them, and not at all when none is.
     */
    private Optional<BriefView> visible(CurrentUser user, Brief brief) {
        List<ContentItem> deliverables = content.ofBrief(brief.id());
        if (!user.onlyCreativeIn(brief.brand())) {
            return Optional.of(BriefView.of(brief, deliverables));
        }
        List<ContentItem> theirs = deliverables.stream().filter(item -> ContentService.readableBy(user, item)).toList();
        return theirs.isEmpty() ? Optional.empty() : Optional.of(BriefView.of(brief, theirs));
    }

    private Category validate(CreateBrief request, Brand brand) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Category> category = Category.ofKey(request.category());
        if (category.isEmpty()) {
            errors.add(new FieldError("category", "must be one of " + Category.keys()));
        }
        Instant now = EngineClock.now();
        for (int i = 0; i < request.deliverables().size(); i++) {
            CreateBrief.Deliverable d = request.deliverables().get(i);
            String at = "deliverables[" + i + "].";
            var seen = new HashSet<String>();
            for (int p = 0; p < d.platforms().size(); p++) {
                String platform = d.platforms().get(p);
                if (Platform.ofKey(platform).isEmpty()) {
                    errors.add(new FieldError(at + "platforms[" + p + "]", "is not a known platform"));
                } else if (!brand.platforms().contains(platform)) {
                    errors.add(new FieldError(at + "platforms[" + p + "]", "is not a platform account of " + brand.id()));
                } else if (!seen.add(platform)) {
                    errors.add(new FieldError(at + "platforms[" + p + "]", "is listed twice"));
                }
            }
            Instant after = d.publishAfter().toInstant();
            Instant before = d.publishBefore().toInstant();
            if (!before.isAfter(after)) {
                errors.add(new FieldError(at + "publishBefore", "must be after publishAfter"));
            } else if (!before.isAfter(now)) {
                errors.add(new FieldError(at + "publishBefore", "must be in the future"));
            }
            if (d.plannedAt() != null) {
                Instant planned = d.plannedAt().toInstant();
                if (planned.isBefore(after) || planned.isAfter(before)) {
                    errors.add(new FieldError(at + "plannedAt", "must lie inside the publish window"));
                } else if (!planned.isAfter(now)) {
                    errors.add(new FieldError(at + "plannedAt", "must be in the future"));
                }
            }
            if (d.creative() != null && !users.hasRole(d.creative(), brand.id(), Role.CREATIVE)) {
                errors.add(new FieldError(at + "creative", "is not a creative of " + brand.id()));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return category.orElseThrow();
    }
}
