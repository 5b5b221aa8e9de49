package io.clearpost.tenancy;

import io.clearpost.support.Conflict;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import io.clearpost.support.TextPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The administrator's brands: created (a brand row, its engine tenant and role groups, its audit chain), read,
 * changed (audited with old and new values; content checked afterwards follows the new policy) and archived.
 * Never deleted.
 */
@Service
class BrandAdministration {

    private static final Logger log = LoggerFactory.getLogger(BrandAdministration.class);

    /** Kebab case: lower case letters and digits in groups joined by single hyphens. */
    static final Pattern BRAND_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    /** The platforms a brand can publish on (content's {@code Platform} keys; AdminApiTest keeps them equal). */
    static final List<String> PLATFORMS = List.of("instagram", "facebook", "linkedin", "x", "tiktok", "pinterest",
            "youtube", "threads", "mastodon", "webhook");
    private static final int MAX_ID = 64;
    private static final int MAX_NAME = 200;
    private static final int MAX_TERM = 500;

    private final BrandRepository brands;
    private final BrandTenants tenants;

    BrandAdministration(BrandRepository brands, BrandTenants tenants) {
        this.brands = brands;
        this.tenants = tenants;
    }

    /** {@code POST /api/admin/brands}, and {@code PUT …/{brand}} (where {@code id} may be left out; null: unchanged). */
    record BrandRequest(String id, String name, String timeZone, Boolean regulated, Boolean clientSignOff,
                        List<String> platforms, List<String> mandatoryMentions, List<String> bannedTerms,
                        String holidayCountry, String workingHours) {
    }

    record BrandView(String id, String name, String timeZone, boolean regulated, boolean clientSignOff,
                     List<String> platforms, List<String> mandatoryMentions, List<String> bannedTerms,
                     String holidayCountry, String workingHours, boolean frozen, boolean archived) {

        static BrandView of(Brand brand) {
            return new BrandView(brand.id(), brand.name(), brand.zone().getId(), brand.regulated(),
                    brand.clientSignOff(), brand.platforms(), brand.mandatoryMentions(), brand.bannedTerms(),
                    brand.holidayCountry(), brand.workingHours().toString(), brand.frozen(), brand.archived());
        }
    }

    @Transactional
    BrandView create(CurrentUser caller, BrandRequest request) {
        UserAdministration.requireAdmin(caller);
        List<FieldError> errors = new ArrayList<>();
        if (request.id() == null || request.id().isEmpty()) {
            errors.add(new FieldError("id", "is required"));
        } else if (request.id().length() > MAX_ID || !BRAND_ID.matcher(request.id()).matches()) {
            errors.add(new FieldError("id", "must be kebab case (lower case letters and digits joined by single "
                    + "hyphens, such as tide-insurance), at most " + MAX_ID + " characters"));
        }
        Settings settings = validate(request, null, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (brands.existsById(request.id())) {
            throw new Conflict("Brand " + request.id() + " exists already");
        }
        Brand brand = Brand.create(request.id(), settings.name, settings.zone, settings.regulated,
                settings.clientSignOff, settings.platforms, settings.mandatoryMentions, settings.bannedTerms);
        brand.changeCalendar(settings.hours, settings.holidayCountry);
        brand.established(caller.id());
        brands.save(brand);
        tenants.ensure(brand.id(), brand.name());
        log.info("Administrator {} created brand {}", caller.id(), brand.id());
        return BrandView.of(brand);
    }

    @Transactional(readOnly = true)
    List<BrandView> list(CurrentUser caller) {
        UserAdministration.requireAdmin(caller);
        return brands.findAll().stream().sorted(Comparator.comparing(Brand::id)).map(BrandView::of).toList();
    }

    @Transactional(readOnly = true)
    BrandView get(CurrentUser caller, String id) {
        UserAdministration.requireAdmin(caller);
        return BrandView.of(existing(id));
    }

    @Transactional
    BrandView change(CurrentUser caller, String id, BrandRequest request) {
        UserAdministration.requireAdmin(caller);
        Brand brand = existing(id);
        List<FieldError> errors = new ArrayList<>();
        if (request.id() != null && !request.id().equals(id)) {
            errors.add(new FieldError("id", "cannot change: a brand keeps its id for ever"));
        }
        Settings settings = validate(request, brand, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        brand.change(settings.name, settings.zone, settings.regulated, settings.clientSignOff, settings.platforms,
                settings.mandatoryMentions, settings.bannedTerms, settings.hours, settings.holidayCountry, caller.id());
        brands.save(brand);
        log.info("Administrator {} changed brand {}", caller.id(), id);
        return BrandView.of(brand);
    }

    @Transactional
    BrandView archive(CurrentUser caller, String id) {
        UserAdministration.requireAdmin(caller);
        Brand brand = existing(id);
        brand.archive(caller.id());
        brands.save(brand);
        log.info("Administrator {} archived brand {}", caller.id(), id);
        return BrandView.of(brand);
    }

    private Brand existing(String id) {
        return brands.findById(id).orElseThrow(() -> new NotFound("brand " + id));
    }

    private record Settings(String name, ZoneId zone, boolean regulated, boolean clientSignOff, List<String> platforms,
                            List<String> mandatoryMentions, List<String> bannedTerms, WorkingHours hours,
                            String holidayCountry) {
    }

    /** The request's settings, each one left out taken from {@code current} (or the default for a new brand). */
    private static Settings validate(BrandRequest r, Brand current, List<FieldError> errors) {
        String name = r.name() != null ? r.name().strip() : current != null ? current.name() : null;
        if (name == null) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.isEmpty()) {
            errors.add(new FieldError("name", "must not be blank"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "must have at most " + MAX_NAME + " characters"));
        } else {
            TextPolicy.problem(name).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        }
        ZoneId zone = null;
        if (r.timeZone() != null || current == null) {
            UserAdministration.validateZone(r.timeZone(), true, errors);
            zone = errors.stream().anyMatch(e -> e.field().equals("timeZone")) ? null : ZoneId.of(r.timeZone());
        } else {
            zone = current.zone();
        }
        List<String> platforms = r.platforms() != null ? r.platforms() : current != null ? current.platforms() : null;
        if (platforms == null || platforms.isEmpty()) {
            errors.add(new FieldError("platforms", "must name at least one platform"));
        } else {
            for (int i = 0; i < platforms.size(); i++) {
                if (!PLATFORMS.contains(platforms.get(i))) {
                    errors.add(new FieldError("platforms[" + i + "]", "is not a platform; one of " + PLATFORMS));
                }
            }
            if (platforms.stream().distinct().count() != platforms.size()) {
                errors.add(new FieldError("platforms", "must not name a platform twice"));
            }
        }
        List<String> mentions = terms("mandatoryMentions", r.mandatoryMentions(),
                current != null ? current.mandatoryMentions() : List.of(), errors);
        List<String> banned = terms("bannedTerms", r.bannedTerms(),
                current != null ? current.bannedTerms() : List.of(), errors);
        String country = r.holidayCountry() != null ? r.holidayCountry() : current != null ? current.holidayCountry() : null;
        if (country != null && !HolidayCountries.isKnown(country)) {
            errors.add(new FieldError("holidayCountry", "is not an ISO 3166 alpha-2 country code with a public "
                    + "holiday calendar (such as FR or US)"));
        }
        WorkingHours hours = current != null ? current.workingHours() : WorkingHours.DEFAULT;
        if (r.workingHours() != null) {
            try {
                hours = WorkingHours.parse(r.workingHours());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("workingHours", e.getMessage()));
            }
        }
        boolean regulated = r.regulated() != null ? r.regulated() : current != null && current.regulated();
        boolean clientSignOff = r.clientSignOff() != null ? r.clientSignOff() : current != null && current.clientSignOff();
        return new Settings(name, zone, regulated, clientSignOff, platforms, mentions, banned, hours, country);
    }

    private static List<String> terms(String field, List<String> given, List<String> current, List<FieldError> errors) {
        if (given == null) {
            return current;
        }
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String term = given.get(i);
            String at = field + "[" + i + "]";
            if (term == null || term.isBlank()) {
                errors.add(new FieldError(at, "must not be blank"));
            } else if (term.length() > MAX_TERM) {
                errors.add(new FieldError(at, "must have at most " + MAX_TERM + " characters"));
            } else {
                TextPolicy.problem(term).ifPresentOrElse(problem -> errors.add(new FieldError(at, problem)),
                        () -> terms.add(term.strip()));
            }
        }
        return terms;
    }
}
