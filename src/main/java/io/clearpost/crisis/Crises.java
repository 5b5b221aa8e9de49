package io.clearpost.crisis;

import io.clearpost.content.ContentItem;
import io.clearpost.content.ContentService;
import io.clearpost.content.Decision;
import io.clearpost.content.Platform;
import io.clearpost.content.PostsOfContent;
import io.clearpost.content.Revision;
import io.clearpost.engine.EngineClock;
import io.clearpost.notify.NotificationKind;
import io.clearpost.notify.Notifications;
import io.clearpost.publish.Publications;
import io.clearpost.support.Conflict;
import io.clearpost.support.FieldError;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.NotFound;
import io.clearpost.tenancy.Brand;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import io.clearpost.tenancy.Users;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Declares crises (starting crisis-escalation.bpmn), shows them, re-triages them, and records on the crisis what its
 * process does (triage, freeze, statement, resolution, post-mortem). Every change is a transition the {@link Crisis}
 * guards; its events reach the brand's audit chain on save.
 */
@Service
public class Crises {

    static final String PROCESS = "crisis-escalation";
    /** A brand id's form (kebab case, as the administration creates them); {@code @Size} bounds its length. */
    private static final java.util.regex.Pattern BRAND_ID = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    /** Who declares a crisis (DESIGN.md §8), beside the administrators. */
    static final Role[] DECLARE = {Role.STRATEGIST, Role.BRAND_MANAGER, Role.LEGAL, Role.COMPLIANCE, Role.COMMUNICATIONS};
    /** Who reads crises: the crisis cell and the brand's auditors. */
    static final Role[] READ = {Role.STRATEGIST, Role.BRAND_MANAGER, Role.LEGAL, Role.COMPLIANCE, Role.COMMUNICATIONS,
            Role.AUDITOR};
    /** The crisis cell, all mailed at once when a crisis is declared. */
    static final List<Role> CELL = List.of(Role.STRATEGIST, Role.BRAND_MANAGER, Role.LEGAL, Role.COMPLIANCE,
            Role.COMMUNICATIONS);
    /** Platforms whose posts need media or a privacy choice: a text statement cannot go there. */
    static final Set<String> NO_TEXT_STATEMENT = Set.of("instagram", "tiktok", "youtube", "pinterest");
    /** How long a statement may wait for its approvals before its publish window closes. */
    static final java.time.Duration STATEMENT_WINDOW = java.time.Duration.ofDays(30);

    private final CrisisRepository crises;
    private final BrandRepository brands;
    private final RuntimeService runtime;
    private final ContentService content;
    private final PostsOfContent posts;
    private final Publications publications;
    private final Notifications notifications;
    private final Users users;
    private final CrisisMetrics metrics;
    private final PlaybookUses playbookUses;
    private final CrisisReplies replies;

    Crises(CrisisRepository crises, BrandRepository brands, RuntimeService runtime, ContentService content,
           PostsOfContent posts, Publications publications, Notifications notifications, Users users,
           CrisisMetrics metrics, PlaybookUses playbookUses, CrisisReplies replies) {
        this.playbookUses = playbookUses;
        this.replies = replies;
        this.crises = crises;
        this.brands = brands;
        this.runtime = runtime;
        this.content = content;
        this.posts = posts;
        this.publications = publications;
        this.notifications = notifications;
        this.users = users;
        this.metrics = metrics;
    }

    // ---- the API ----------------------------------------------------------------------------------------------

    @Transactional
    public CrisisView declare(CurrentUser user, DeclareCrisis request) {
        if (!BRAND_ID.matcher(request.brand()).matches()) {
            // not an id at all (spaces, markup, controls, other scripts): the field is wrong, not a brand unknown
            throw new InvalidInput("brand", "is not a brand id (lower case letters and digits joined by single hyphens)");
        }
        Brand brand = brands.findById(request.brand()).filter(b -> user.admin() || user.belongsTo(b.id()))
                .orElseThrow(() -> new NotFound("brand " + request.brand()));
        if (!user.admin()) {
            user.requireRole(brand.id(), "brand " + brand.id(), true, DECLARE);
        }
        validate(request, brand);
        crises.findByOpenBrand(brand.id()).ifPresent(open -> {
            throw new Conflict(openCrisis(open));
        });
        List<Map<String, Object>> signals = request.signals().stream().map(s -> {
            Map<String, Object> signal = new LinkedHashMap<>();
            signal.put("url", s.url());
            signal.put("note", s.note());
            return signal;
        }).toList();
        Crisis crisis = Crisis.declare(brand.id(), request.summary(), signals, request.reach(),
                request.mentionsPerHour(), request.legalRisk(), request.safetyRisk(), request.pressCoverage(),
                List.copyOf(request.platforms()), user.id(), EngineClock.now());
        try {
            crisis = crises.save(crisis);
        } catch (DuplicateKeyException race) {
            // another declaration for the brand committed between the check and this insert
            throw new Conflict(crises.findByOpenBrand(brand.id()).map(Crises::openCrisis)
                    .orElse("another crisis of " + brand.id() + " was declared at the same time"));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("brand", brand.id());
        variables.put("crisisId", crisis.id());
        variables.put("reach", request.reach());
        variables.put("mentionsPerHour", request.mentionsPerHour());
        variables.put("legalRisk", request.legalRisk());
        variables.put("safetyRisk", request.safetyRisk());
        variables.put("pressCoverage", request.pressCoverage());
        variables.put("regulated", brand.regulated());
        variables.put("signOffRole", users.membersOf(Role.COMMUNICATIONS.groupOf(brand.id())).isEmpty()
                ? Role.BRAND_MANAGER.key() : Role.COMMUNICATIONS.key());
        variables.put("frozen", false);
        variables.put("playbookUnchanged", false);
        ProcessInstance instance = runtime.createProcessInstanceByKey(PROCESS).businessKey(crisis.id())
                .setVariables(variables).execute();
        Object suggested = runtime.getVariable(instance.getId(), "suggestedSeverity");
        crisis.suggested(suggested instanceof Number n ? n.intValue() : null);
        crisis = crises.save(crisis);
        alertTheCell(crisis, user.id());
        return view(crisis);
    }

    @Transactional(readOnly = true)
    public CrisisView get(CurrentUser user, String id) {
        return view(readable(user, id));
    }

    @Transactional(readOnly = true)
    public List<CrisisView> list(CurrentUser user, String brand, CrisisStatus status) {
        if (!user.admin()) {
            user.requireRole(brand, "brand " + brand, false, READ);
        }
        List<Crisis> found = status == null ? crises.findByBrandOrderByDeclaredAtDesc(brand)
                : crises.findByBrandAndStatusOrderByDeclaredAtDesc(brand, status);
        return found.stream().map(this::view).toList();
    }

    /**
     * The approved replies of a crisis for its moderators: every member of the brand, whatever their role, reads them
     * (those drafted with the statement, a playbook's filled in and those written for this crisis, once approved).
     */
    @Transactional(readOnly = true)
    public List<Object> replies(CurrentUser user, String id) {
        Crisis crisis = load(id);
        user.requireBrand(crisis.brand(), "crisis " + id);
        return replies.approved(id);
    }

    /** Re-triage: the crisis-escalation process re-decides what the new severity calls for (freeze or lift). */
    @Transactional
    public CrisisView retriage(CurrentUser user, String id, Retriage request) {
        Crisis crisis = load(id);
        user.requireRole(crisis.brand(), "crisis " + id, false, DECLARE);
        crisis.severityChanged(request.severity(), request.comment(), user.id(), EngineClock.now());
        crisis = crises.save(crisis);
        runtime.createMessageCorrelation("CrisisRetriaged").processInstanceBusinessKey(id)
                .tenantId(crisis.brand()).setVariable("severity", request.severity()).correlate();
        return view(load(id));
    }

    /** Every step with its time and actor: the crisis's own, its statement's revisions, decisions and posts. */
    @Transactional(readOnly = true)
    public CrisisView.Timeline timeline(CurrentUser user, String id) {
        Crisis crisis = readable(user, id);
        List<CrisisView.Step> steps = new ArrayList<>();
        for (CrisisStep step : crisis.steps()) {
            steps.add(new CrisisView.Step(step.occurredAt(), step.step(), step.actor(), details(step.detail())));
        }
        if (crisis.statementContentId() != null) {
            ContentItem statement = content.find(crisis.statementContentId());
            for (Revision revision : statement.revisions()) {
                steps.add(new CrisisView.Step(revision.createdAt(), "STATEMENT_DRAFTED", revision.author(),
                        map("contentId", statement.id(), "revision", revision.number(), "hash", revision.hash())));
            }
            for (Decision decision : statement.decisions()) {
                steps.add(new CrisisView.Step(decision.decidedAt(), "STATEMENT_DECIDED", decision.reviewer(),
                        map("key", decision.reviewKey(), "decision", decision.decision().name(),
                                "comment", decision.comment(), "hash", decision.revisionHash())));
            }
            posts.of(statement.id()).stream().filter(p -> p.publishedAt() != null).forEach(p ->
                    steps.add(new CrisisView.Step(p.publishedAt(), "STATEMENT_POSTED", "system",
                            map("platform", p.platform(), "postId", p.postId(), "url", p.url()))));
        }
        steps.sort(Comparator.comparing(CrisisView.Step::at));
        return new CrisisView.Timeline(crisis.id(), crisis.brand(), steps);
    }

    // ---- what crisis-escalation.bpmn does ----------------------------------------------------------------------

    @Transactional
    void triaged(String id, int severity, String comment, String actor) {
        change(id, crisis -> crisis.triaged(severity, comment, actor, EngineClock.now()));
    }

    @Transactional
    void froze(String id, String actor) {
        change(id, crisis -> crisis.froze(actor, EngineClock.now()));
    }

    @Transactional
    void liftedFreeze(String id, String actor) {
        change(id, crisis -> crisis.liftedFreeze(actor, EngineClock.now()));
    }

    /** Opens the holding statement: a content item of the brand on the crisis's platforms, judged by these reviews. */
    @Transactional
    String openStatement(String id, Map<String, String> reviews, String actor) {
        Crisis crisis = load(id);
        Instant now = EngineClock.now();
        String contentId = content.openStatement(id, crisis.brand(), crisis.platforms(), now,
                now.plus(STATEMENT_WINDOW), reviews, actor);
        crisis.statementOpened(contentId, actor, now);
        crises.save(crisis);
        return contentId;
    }

    /**
     * The statement was drafted (from a playbook or not): its reviews are re-routed to what the model will ask,
     * the communications sign-off always and legal for a regulated brand unless the text is an approved playbook's,
     * unchanged; the playbook used and the replies drafted with the statement are kept for the approval.
     */
    @Transactional
    void statementDrafted(String id, boolean regulated, Playbooks.Filled playbook, boolean unchanged,
                          List<Map<String, Object>> draftedReplies, String actor) {
        Crisis crisis = load(id);
        Map<String, String> reviews = new LinkedHashMap<>();
        reviews.put(CrisisTasks.SIGN_OFF, PrepareStatementDelegate.SIGN_OFF_RULE);
        if (regulated && !unchanged) {
            reviews.put(CrisisTasks.LEGAL, PrepareStatementDelegate.LEGAL_RULE);
        }
        content.routeStatement(crisis.statementContentId(), reviews, actor);
        playbookUses.record(id, playbook, unchanged);
        replies.drafted(id, draftedReplies);
    }

    @Transactional
    void statementApproved(String id, String actor) {
        Crisis crisis = load(id);
        Brand brand = brands.findById(crisis.brand()).orElseThrow();
        content.approveStatementForNow(crisis.statementContentId(), brand.zone(), actor);
        String hash = content.find(crisis.statementContentId()).approvedHash();
        crisis.statementApproved(hash, actor, EngineClock.now());
        crises.save(crisis);
        replies.approved(id, hash);
    }

    @Transactional
    void statementPublished(String id, String actor) {
        Crisis crisis = load(id);
        Map<String, String> urls = new LinkedHashMap<>();
        posts.of(crisis.statementContentId()).forEach(p -> urls.put(p.platform(), p.url()));
        Instant now = EngineClock.now();
        crisis.statementPublished(urls, actor, now);
        crises.save(crisis);
        metrics.timeToStatement(java.time.Duration.between(crisis.declaredAt(), now));
    }

    @Transactional
    void resolve(String id, String summary, String actor) {
        change(id, crisis -> crisis.resolve(summary, actor, EngineClock.now()));
    }

    @Transactional
    void postMortem(String id, String whatHappened, String whatWorked, List<String> actions, String actor) {
        change(id, crisis -> crisis.postMortem(whatHappened, whatWorked, actions, actor, EngineClock.now()));
    }

    @Transactional(readOnly = true)
    Crisis find(String id) {
        return load(id);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void validate(DeclareCrisis request, Brand brand) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < request.signals().size(); i++) {
            if (!httpUrl(request.signals().get(i).url())) {
                errors.add(new FieldError("signals[" + i + "].url", "must be an http(s) URL"));
            }
        }
        List<String> platforms = request.platforms();
        for (int i = 0; i < platforms.size(); i++) {
            String platform = platforms.get(i);
            String field = "platforms[" + i + "]";
            if (Platform.ofKey(platform).isEmpty()) {
                errors.add(new FieldError(field, "is not a known platform"));
            } else if (!brand.platforms().contains(platform)) {
                errors.add(new FieldError(field, "is not a platform of " + brand.id()));
            } else if (NO_TEXT_STATEMENT.contains(platform)) {
                errors.add(new FieldError(field, "takes no text-only holding statement"));
            } else if (platforms.indexOf(platform) != i) {
                errors.add(new FieldError(field, "is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static boolean httpUrl(String value) {
        if (value == null || !(value.startsWith("https://") || value.startsWith("http://"))) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String openCrisis(Crisis open) {
        return "crisis " + open.id() + " of " + open.brand() + " is still open (declared " + open.declaredAt()
                + " by " + open.declaredBy() + "): one open crisis per brand";
    }

    /** The whole crisis cell and the administrators, at once, whatever their preferences (a mandatory kind). */
    private void alertTheCell(Crisis crisis, String actor) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", "Crisis declared for " + crisis.brand() + ": " + abbreviate(crisis.summary()));
        model.put("message", actor + " declared a crisis for " + crisis.brand() + " (suggested severity "
                + crisis.suggestedSeverity() + "):\n" + crisis.summary()
                + "\nThe crisis cell triages it now: see your task list.");
        model.put("apiLink", "/api/crises/" + crisis.id());
        String dedupe = "crisis:" + crisis.id();
        for (Role role : CELL) {
            for (String member : users.membersOf(role.groupOf(crisis.brand()))) {
                notifications.notify(NotificationKind.CRISIS_ALERT, member, crisis.brand(), dedupe, model);
            }
        }
        for (String admin : users.membersOf(Users.ADMIN_GROUP)) {
            notifications.notify(NotificationKind.CRISIS_ALERT, admin, crisis.brand(), dedupe, model);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }

    private Crisis readable(CurrentUser user, String id) {
        Crisis crisis = load(id);
        if (!user.admin()) {
            user.requireRole(crisis.brand(), "crisis " + id, false, READ);
        }
        return crisis;
    }

    private Crisis load(String id) {
        return crises.findById(id).orElseThrow(() -> new NotFound("crisis " + id));
    }

    private void change(String id, java.util.function.Consumer<Crisis> change) {
        Crisis crisis = load(id);
        change.accept(crisis);
        crises.save(crisis);
    }

    CrisisView view(Crisis crisis) {
        CrisisView.Statement statement = null;
        if (crisis.statementContentId() != null) {
            ContentItem item = content.find(crisis.statementContentId());
            CrisisView.Revision current = item.currentRevision()
                    .map(r -> new CrisisView.Revision(r.number(), r.hash(), r.author(), r.createdAt())).orElse(null);
            statement = new CrisisView.Statement(item.id(), item.status().name(), current,
                    posts.of(item.id()).stream().map(p -> new CrisisView.Post(p.platform(), p.status(), p.postId(),
                            p.url(), p.publishedAt())).toList());
        }
        List<CrisisView.HeldPost> held = publications.heldOf(crisis.brand()).stream()
                .map(h -> new CrisisView.HeldPost(h.contentId(), h.platform())).toList();
        return new CrisisView(crisis.id(), crisis.brand(), crisis.status(), crisis.currentSeverity(),
                crisis.suggestedSeverity(), crisis.frozen(), crisis.summary(), crisis.signals(), crisis.reach(),
                crisis.mentionsPerHour(), crisis.legalRisk(), crisis.safetyRisk(), crisis.pressCoverage(),
                crisis.platforms(), crisis.declaredBy(), crisis.declaredAt(), statement, replies.approved(crisis.id()), held,
                crisis.resolution(), crisis.postMortemValues());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(String json) {
        Object parsed = Crisis.parse(json);
        return parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : parsed == null ? Map.of() : Map.of("detail", parsed);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
