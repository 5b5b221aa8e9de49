package io.clearpost.support;

import io.clearpost.brief.BriefService;
import io.clearpost.brief.BriefView;
import io.clearpost.brief.CreateBrief;
import io.clearpost.content.ContentService;
import io.clearpost.content.ContentStatus;
import io.clearpost.content.ContentView;
import io.clearpost.task.Tasks;
import io.clearpost.tenancy.BrandRepository;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Users;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.engine.task.Task;
import org.springframework.context.ApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives the process models through the application services, as the demo users would: briefs
 * through {@link BriefService}, tasks through {@link Tasks}. Every lookup is scoped to one brief
 * (its business key, which the called processes inherit) and one content item, so tests sharing
 * the application context never see each other's tasks.
 */
public final class ProcessDriver {

    /** The mandatory mention of the regulated demo brand acme-bank. */
    public static final String CAPITAL_AT_RISK = "Capital at risk.";

    private final BriefService briefs;
    private final ContentService content;
    private final Tasks tasks;
    private final Users users;
    private final TaskService engineTasks;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final IdentityService identity;
    private final BrandRepository brands;
    private final ProcessEngine engine;

    public ProcessDriver(ApplicationContext context) {
        this.briefs = context.getBean(BriefService.class);
        this.content = context.getBean(ContentService.class);
        this.tasks = context.getBean(Tasks.class);
        this.users = context.getBean(Users.class);
        this.engineTasks = context.getBean(TaskService.class);
        this.runtime = context.getBean(RuntimeService.class);
        this.history = context.getBean(HistoryService.class);
        this.identity = context.getBean(IdentityService.class);
        this.brands = context.getBean(BrandRepository.class);
        this.engine = context.getBean(ProcessEngine.class);
    }

    public CurrentUser user(String id) {
        return users.load(id);
    }

    // ---- briefs ---------------------------------------------------------------------------------

    /** A deliverable publishable in 10 to 20 days (by the engine clock), with or without a named creative. */
    public static CreateBrief.Deliverable deliverable(String creative, String... platforms) {
        OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
        return new CreateBrief.Deliverable(List.of(platforms), now.plusDays(10), now.plusDays(20), null, creative);
    }

    /** A deliverable whose publish window opened an hour ago (engine clock), so it can go out in seconds. */
    public static CreateBrief.Deliverable deliverableOpenNow(String creative, String... platforms) {
        OffsetDateTime now = ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC);
        return new CreateBrief.Deliverable(List.of(platforms), now.minusHours(1), now.plusDays(10), null, creative);
    }

    public BriefView submitBrief(String author, String brand, String category, CreateBrief.Deliverable... deliverables) {
        return briefs.create(user(author), new CreateBrief(brand, "Spring campaign " + UUID.randomUUID(),
                "Grow savings sign-ups", "Young professionals", List.of("Save a little every month"),
                List.of(), category, List.of(deliverables)));
    }

    /** The one deliverable of a brief that has one. */
    public static String onlyContentId(BriefView brief) {
        assertThat(brief.deliverables()).hasSize(1);
        return brief.deliverables().get(0).contentId();
    }

    /**
     * A submitted brief's data (the brief and its content items) without its {@code brief} process, for a
     * test of a called model that starts its own instance: nothing else works on these deliverables.
     */
    public BriefView briefData(String author, String brand, String category, CreateBrief.Deliverable... deliverables) {
        BriefView brief = submitBrief(author, brand, category, deliverables);
        runtime.deleteProcessInstance(briefInstance(brief.id()), "model test: the brief's data only", true, true);
        return brief;
    }

    public BriefView brief(String briefId) {
        return briefs.get(user("root"), briefId);
    }

    public ContentView content(String contentId) {
        return content.get(user("root"), contentId);
    }

    // ---- process instances ----------------------------------------------------------------------

    public String briefInstance(String briefId) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("brief")
                .processInstanceBusinessKey(briefId).singleResult().getId();
    }

    /** Every instance of a called process ({@code creation}, {@code legal-validation}) for one deliverable, oldest first. */
    public List<String> calledInstances(String briefId, String contentId, String processKey) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
                .processInstanceBusinessKey(briefId).variableValueEquals("contentId", contentId)
                .orderByProcessInstanceStartTime().asc().list().stream()
                .map(HistoricProcessInstance::getId).toList();
    }

    /** The latest instance of a called process for one deliverable. */
    public String calledInstance(String briefId, String contentId, String processKey) {
        List<String> instances = calledInstances(briefId, contentId, processKey);
        assertThat(instances).as("%s instances of content %s", processKey, contentId).isNotEmpty();
        return instances.get(instances.size() - 1);
    }

    public ProcessHistory historyOf(String processInstanceId) {
        return ProcessHistory.of(engine, processInstanceId);
    }

    /** A new instance of the model, at its start, for one brief (its business key) with the variables it takes in. */
    public ProcessHistory start(String processKey, String briefId, Map<String, Object> variables) {
        return historyOf(runtime.createProcessInstanceByKey(processKey).businessKey(briefId).setVariables(variables)
                .execute().getId());
    }

    /** Sets the engine clock (timers, due dates, "now" of the services); reset it after each test. */
    public static Instant clockAt(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        return at;
    }

    // ---- tasks ----------------------------------------------------------------------------------

    /** The open tasks with this key for one deliverable of a brief. */
    public List<Task> openTasks(String briefId, String contentId, String key) {
        return engineTasks.createTaskQuery().processInstanceBusinessKey(briefId).taskDefinitionKey(key).list().stream()
                .filter(t -> contentId == null || contentId.equals(engineTasks.getVariable(t.getId(), "contentId")))
                .toList();
    }

    /** The single open task with this key for one deliverable (or for the brief, with a null content id). */
    public Task task(String briefId, String contentId, String key) {
        List<Task> open = openTasks(briefId, contentId, key);
        assertThat(open).as("open %s tasks of content %s", key, contentId).hasSize(1);
        return open.get(0);
    }

    public void complete(String userId, Task task, Map<String, Object> values) {
        tasks.complete(user(userId), task.getId(), values);
    }

    public void claim(String userId, Task task) {
        tasks.claim(user(userId), task.getId());
    }

    /** The creative submits one text per platform as a new revision. */
    public void draft(String creative, String briefId, String contentId, Map<String, String> textByPlatform) {
        Map<String, Object> variants = new LinkedHashMap<>();
        textByPlatform.forEach((platform, text) -> variants.put(platform, TestMedia.variant(platform, text)));
        complete(creative, task(briefId, contentId, "create-content"), Map.of("variants", variants));
    }

    /** The creative submits a text within every policy of the demo brands on each of the platforms. */
    public void compliantDraft(String creative, String briefId, String contentId, String... platforms) {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String platform : platforms) {
            texts.put(platform, "Open a savings account in minutes. " + CAPITAL_AT_RISK);
        }
        draft(creative, briefId, contentId, texts);
    }

    /** A reviewer decides on the current revision of the content. */
    public void decide(String reviewer, String briefId, String contentId, String key, String decision) {
        decide(reviewer, briefId, contentId, key, decision, currentHash(contentId));
    }

    public void decide(String reviewer, String briefId, String contentId, String key, String decision, String hash) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("decision", decision);
        values.put("comment", "Decided by " + reviewer);
        values.put("revisionHash", hash);
        complete(reviewer, task(briefId, contentId, key), values);
    }

    public String currentHash(String contentId) {
        return content(contentId).currentRevision().hash();
    }

    /** The strategist's content review approved: the deliverable enters legal validation. */
    public void createdAndReviewed(String creative, String briefId, String contentId, String... platforms) {
        compliantDraft(creative, briefId, contentId, platforms);
        decide("sam", briefId, contentId, "review-content", "APPROVE");
    }

    /** The strategist schedules the post {@code seconds} from now (ISO-8601 with offset). */
    public void schedule(String strategist, String briefId, String contentId, long seconds) {
        complete(strategist, task(briefId, contentId, "schedule-post"), Map.of("publishAt", secondsFromNow(seconds)));
    }

    /** At least {@code seconds} from now, in whole seconds. */
    public static String secondsFromNow(long seconds) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds + 1).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Polls until the content has the status: publication runs in the engine's job executor. */
    public ContentView awaitStatus(String contentId, ContentStatus status) {
        return await("content " + contentId + " to become " + status, () -> content(contentId),
                c -> c.status() == status);
    }

    /** Polls (every 100 ms, for at most 60 s) until the value satisfies the condition; fails with the last value. */
    public static <T> T await(String what, Supplier<T> value, Predicate<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        T current = value.get();
        while (!condition.test(current)) {
            assertThat(System.nanoTime()).as("waiting for %s; last seen %s", what, current).isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
            current = value.get();
        }
        return current;
    }

    public void signOffBrief(String brandManager, String briefId, String decision) {
        complete(brandManager, task(briefId, null, "approve-brief"),
                Map.of("decision", decision, "comment", "Signed off by " + brandManager));
    }

    // ---- brands of a test's own ------------------------------------------------------------------

    /** A brand of one test (or a brand the test configuration names), with a strategist and a creative of its own. */
    public record TestBrand(String id, String strategist, String creative) {
    }

    /** A new brand, neither regulated nor signing off as a client: approved content needs only the strategist. */
    public TestBrand newBrand(String... platforms) {
        TestIdentities identities = TestIdentities.of(identity);
        return staffed(identities.brand(brands, "brand", List.of(platforms)));
    }

    /** The brand with this id (e.g. {@code sandbox-flaky}, which the test configuration makes fail), created if needed. */
    public TestBrand brand(String id, String... platforms) {
        TestIdentities.of(identity).ensureBrand(brands, id, List.of(platforms));
        return staffed(id);
    }

    private TestBrand staffed(String brand) {
        TestIdentities identities = TestIdentities.of(identity);
        return new TestBrand(brand, identities.user("strategist", brand + ":strategist"),
                identities.user("creative", brand + ":creative"));
    }

    /** A deliverable of a test brand, open for publication now, whose content the strategist approved. */
    public Deliverable approved(TestBrand brand, String... platforms) {
        return approved(brand, deliverableOpenNow(brand.creative(), platforms));
    }

    public Deliverable approved(TestBrand brand, CreateBrief.Deliverable deliverable) {
        BriefView brief = submitBrief(brand.strategist(), brand.id(), "standard", deliverable);
        String contentId = onlyContentId(brief);
        compliantDraft(brand.creative(), brief.id(), contentId, deliverable.platforms().toArray(String[]::new));
        decide(brand.strategist(), brief.id(), contentId, "review-content", "APPROVE");
        assertThat(content(contentId).status()).isIn(ContentStatus.APPROVED, ContentStatus.SCHEDULED);
        return new Deliverable(brand, brief.id(), contentId);
    }

    /** One deliverable of a brief, with the brand (and its people) it belongs to. */
    public record Deliverable(TestBrand brand, String briefId, String contentId) {
    }

    // ---- users ----------------------------------------------------------------------------------

    /** A new user holding the given groups ({@code <brand>:<role>}), unique per call. */
    public String newUser(String prefix, String... groups) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        var user = identity.newUser(id);
        user.setFirstName(prefix);
        user.setLastName("(test)");
        user.setPassword(UUID.randomUUID().toString());
        identity.saveUser(user);
        Arrays.stream(groups).forEach(group -> identity.createMembership(id, group));
        return id;
    }
}
