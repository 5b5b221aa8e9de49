package io.clearpost.task;

import io.clearpost.engine.EngineClock;
import io.clearpost.engine.TaskAssignment;
import io.clearpost.support.NotFound;
import io.clearpost.support.Forbidden;
import io.clearpost.support.Conflict;
import io.clearpost.support.InvalidInput;
import io.clearpost.support.FieldError;
import com.fasterxml.jackson.databind.JsonNode;
import io.clearpost.events.DomainEvent;
import org.springframework.context.ApplicationEventPublisher;
import io.clearpost.support.CanonicalJson;
import io.clearpost.tenancy.CurrentUser;
import io.clearpost.tenancy.Role;
import org.operaton.bpm.engine.FormService;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.history.HistoricTaskInstance;
import org.operaton.bpm.engine.task.IdentityLink;
import org.operaton.bpm.engine.task.IdentityLinkType;
import org.operaton.bpm.engine.task.Task;
import org.operaton.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Service;
import io.clearpost.support.LostRace;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import java.util.concurrent.ThreadLocalRandom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The task list of DESIGN.md §7 over the engine's tasks. Who may act on a task comes from the model:
 * its assignee, or a member of its candidate groups ({@code <brand>:<role>}); brand visibility comes
 * from the task's tenant. The feature owning a task key applies the form values to its aggregate.
 */
@Service
public class Tasks {

    /** The variables that say what a task is about, named in its summary. */
    private static final List<String> ABOUT = List.of("briefId", "contentId", "crisisId", "platform");

    private final TaskService engineTasks;
    private final HistoryService history;
    private final FormService forms;
    private final IdentityService identity;
    private final ApplicationEventPublisher events;
    private final List<TaskCompletion> completions;
    private final List<TaskContextSource> contextSources;
    private final TransactionTemplate transactions;
    private final TaskAssignment assignment;
    private final TaskEscalations escalations;

    Tasks(TaskService engineTasks, HistoryService history, FormService forms, IdentityService identity, ApplicationEventPublisher events,
          List<TaskCompletion> completions, List<TaskContextSource> contextSources,
          PlatformTransactionManager transactionManager, TaskAssignment assignment,
          TaskEscalations escalations) {
        this.assignment = assignment;
        this.escalations = escalations;
        this.transactions = new TransactionTemplate(transactionManager);
        this.engineTasks = engineTasks;
        this.history = history;
        this.forms = forms;
        this.identity = identity;
        this.events = events;
        this.completions = completions;
        this.contextSources = contextSources;
    }

    public record Filter(String brand, String key, boolean mine, SlaState sla, int page, int size) {
    }

    public record Page(List<TaskView> tasks, long total) {
    }

    @Transactional(readOnly = true)
    public Page list(CurrentUser user, Filter filter) {
        TaskQuery query = engineTasks.createTaskQuery();
        if (!user.admin()) {
            boolean onlyAuditor = user.roles().values().stream().allMatch(roles -> roles.equals(Set.of(Role.AUDITOR)));
            if (onlyAuditor) {
                throw new Forbidden("Auditors read the audit trail, not the task list");
            }
            String[] brandWide = user.brands().stream()
                    .filter(b -> user.has(b, Role.STRATEGIST, Role.BRAND_MANAGER)).toArray(String[]::new);
            TaskQuery visible = query.or().taskAssignee(user.id());
            if (!user.groups().isEmpty()) {
                visible.taskCandidateGroupIn(user.groups());
            }
            if (brandWide.length > 0) {
                visible.tenantIdIn(brandWide);
            }
            visible.endOr();
        }
        if (filter.brand() != null) {
            user.requireBrand(filter.brand(), "brand " + filter.brand());
            query.tenantIdIn(filter.brand());
        }
        if (filter.key() != null) {
            query.taskDefinitionKey(filter.key());
        }
        if (filter.mine()) {
            query.taskAssignee(user.id());
        }
        if (filter.sla() != null) {
            // the same partition as SlaState: late only *after* a point. The engine's dueAfter/followUpAfter
            // are strict and dates are stored to the millisecond, so "after now - 1 ms" means "not before now".
            Date now = Date.from(EngineClock.now());
            Date notBefore = new Date(now.getTime() - 1);
            switch (filter.sla()) {
                case BREACHED -> query.dueBefore(now);
                case AT_RISK -> query.dueAfter(notBefore).followUpBeforeOrNotExistent(now);
                case ON_TRACK -> query.dueAfter(notBefore).followUpAfter(notBefore);
            }
        }
        long total = query.count();
        List<TaskView> tasks = query.orderByDueDate().asc().orderByTaskCreateTime().asc()
                .listPage(filter.page() * filter.size(), filter.size()).stream()
                .map(task -> view(task, false))
                .toList();
        return new Page(tasks, total);
    }

    @Transactional(readOnly = true)
    public TaskView get(CurrentUser user, String taskId) {
        Task task = visible(user, taskId);
        return view(task, true);
    }

    /**
     * Runs a claim, unclaim or completion in its own transaction; when a concurrent request on the same task
     * or content won the race (optimistic locking, deadlock), the transaction rolled back whole and the request
     * is tried again from the current state, at most {@value #ATTEMPTS} times: a lost duplicate then meets
     * "already completed" or "claimed by" (409), a change to another task of the same content succeeds.
     * Inside a caller's transaction there is no retry: that transaction is lost anyway.
     */
    private void retrying(Runnable change) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            change.run();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                transactions.executeWithoutResult(status -> change.run());
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !LostRace.is(e)) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static final int ATTEMPTS = 3;

    public void claim(CurrentUser user, String taskId) {
        retrying(() -> claimOnce(user, taskId));
    }

    public void unclaim(CurrentUser user, String taskId) {
        retrying(() -> unclaimOnce(user, taskId));
    }

    public void complete(CurrentUser user, String taskId, Map<String, Object> values) {
        retrying(() -> completeOnce(user, taskId, values));
    }

    private void claimOnce(CurrentUser user, String taskId) {
        Task task = visible(user, taskId);
        if (user.id().equals(task.getAssignee())) {
            return;
        }
        if (task.getAssignee() != null) {
            throw new Conflict("Task is claimed by " + task.getAssignee());
        }
        requireCandidate(user, task);
        if (!asCaller(user, () -> assignment.claimIfFree(taskId, user.id()))) {
            return; // a concurrent claim of the same user got there first: it reports the claim
        }
        events.publishEvent(new DomainEvent.TaskClaimed(task.getTenantId(), user.id(), variable(task, "briefId"),
                variable(task, "contentId"), taskId, task.getTaskDefinitionKey()));
    }

    private void unclaimOnce(CurrentUser user, String taskId) {
        Task task = visible(user, taskId);
        if (task.getAssignee() == null) {
            return;
        }
        if (!user.id().equals(task.getAssignee())) {
            throw new Conflict("Task is claimed by " + task.getAssignee());
        }
        if (candidateGroups(taskId).isEmpty()) {
            throw new Conflict("The process assigned this task to you; it cannot be handed back");
        }
        if (!asCaller(user, () -> assignment.unclaimIfHeld(taskId, user.id()))) {
            return; // a concurrent unclaim got there first: it reports it
        }
        events.publishEvent(new DomainEvent.TaskUnclaimed(task.getTenantId(), user.id(), variable(task, "briefId"),
                variable(task, "contentId"), taskId, task.getTaskDefinitionKey()));
    }

    private void completeOnce(CurrentUser user, String taskId, Map<String, Object> values) {
        Task task = visible(user, taskId);
        if (task.getAssignee() != null && !task.getAssignee().equals(user.id())) {
            throw new Conflict("Task is claimed by " + task.getAssignee());
        }
        if (task.getAssignee() == null) {
            requireCandidate(user, task);
        }
        FormSchema form = FormSchema.parse(formJson(taskId));
        // the form's conditions see what form-js saw: the task context, as JSON, overlaid with the values
        @SuppressWarnings("unchecked")
        Map<String, Object> data = CanonicalJson.mapper().convertValue(context(task), Map.class);
        // form-js submits a field that carries an object (valueType object) as the JSON text typed into it
        Map<String, Object> submitted = form.withObjectsParsed(values);
        List<FormSchema.FieldError> invalid = form.validate(submitted, data);
        if (!invalid.isEmpty()) {
            throw new InvalidInput(invalid.stream()
                    .map(e -> new io.clearpost.support.FieldError(e.field(), e.message())).toList());
        }
        // an input left empty is no value, as for a client that leaves the key out
        Map<String, Object> given = FormSchema.withoutEmptyValues(submitted);
        TaskRef ref = new TaskRef(taskId, task.getTaskDefinitionKey(), task.getTenantId(), variable(task, "briefId"),
                variable(task, "contentId"), variable(task, "platform"), user);
        Map<String, Object> variables = completions.stream()
                .filter(c -> c.taskKeys().contains(task.getTaskDefinitionKey()))
                .findFirst()
                .map(c -> c.complete(ref, given))
                .orElse(given);
        events.publishEvent(new DomainEvent.TaskCompleted(task.getTenantId(), user.id(), ref.briefId(),
                ref.contentId(), taskId, ref.key(), given));
        completeInEngine(user, taskId, variables);
    }

    /**
     * Completes the task as the caller: the engine records the completing user in its history, delegates
     * see them as the actor, and the engine's own tenant check refuses a task outside the caller's brands
     * (a second wall behind {@link #visible}).
     */
    void completeInEngine(CurrentUser user, String taskId, Map<String, Object> variables) {
        asCaller(user, () -> {
            engineTasks.complete(taskId, variables);
            return true;
        });
    }

    /** Runs an engine call authenticated as the caller, with their groups and their brands as tenants. */
    private <T> T asCaller(CurrentUser user, java.util.function.Supplier<T> call) {
        identity.setAuthentication(user.id(), user.groups(), List.copyOf(user.brands()));
        try {
            return call.get();
        } finally {
            identity.clearAuthentication();
        }
    }

    /** 404 outside the caller's brands (or for no such task), 409 once completed, 403 for a role that may not see it. */
    private Task visible(CurrentUser user, String taskId) {
        Task task = engineTasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            HistoricTaskInstance done = history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
            if (done != null && done.getTenantId() != null && user.belongsTo(done.getTenantId())) {
                throw new Conflict("Task " + taskId + " is already completed");
            }
            throw new NotFound("task " + taskId);
        }
        user.requireBrand(task.getTenantId(), "task " + taskId);
        boolean brandWide = user.admin() || user.has(task.getTenantId(), Role.STRATEGIST, Role.BRAND_MANAGER);
        if (!brandWide && !user.id().equals(task.getAssignee()) && !isCandidate(user, task)) {
            throw new Forbidden("This task is not in your queue");
        }
        return task;
    }

    private void requireCandidate(CurrentUser user, Task task) {
        if (!isCandidate(user, task)) {
            throw new Forbidden("Only " + candidateGroups(task.getId()) + " may work on " + task.getTaskDefinitionKey());
        }
    }

    private boolean isCandidate(CurrentUser user, Task task) {
        List<String> groups = user.groups();
        return candidateGroups(task.getId()).stream().anyMatch(groups::contains);
    }

    private List<String> candidateGroups(String taskId) {
        return engineTasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                .map(IdentityLink::getGroupId)
                .sorted()
                .toList();
    }

    private String variable(Task task, String name) {
        Object value = engineTasks.getVariable(task.getId(), name);
        return value == null ? null : value.toString();
    }

    private String formJson(String taskId) {
        try (InputStream in = forms.getDeployedTaskForm(taskId)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> context(Task task) {
        String briefId = variable(task, "briefId");
        String contentId = variable(task, "contentId");
        String crisisId = variable(task, "crisisId");
        Map<String, Object> context = new LinkedHashMap<>();
        for (TaskContextSource source : contextSources) {
            context.putAll(source.contextFor(briefId, contentId, crisisId));
        }
        String platform = variable(task, "platform");
        if (platform != null) {
            context.put("platform", platform);
        }
        return context;
    }

    private TaskView view(Task task, boolean detail) {
        // what the task is about, read in one call: brief, deliverable, crisis and platform (each may be absent)
        Map<String, Object> about = engineTasks.getVariables(task.getId(), ABOUT);
        JsonNode form = null;
        Map<String, Object> context = null;
        List<TaskEscalations.Escalation> escalated = null;
        if (detail) {
            escalated = escalations.of(task.getId());
            try {
                form = CanonicalJson.mapper().readTree(formJson(task.getId()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            context = context(task);
        }
        Date now = Date.from(EngineClock.now());
        return new TaskView(task.getId(), task.getTaskDefinitionKey(), task.getName(), task.getTenantId(),
                text(about, "briefId"), text(about, "contentId"), text(about, "crisisId"), text(about, "platform"),
                task.getAssignee(), candidateGroups(task.getId()), instant(task.getCreateTime()),
                instant(task.getDueDate()), SlaState.of(now, task.getFollowUpDate(), task.getDueDate()), form, context,
                escalated);
    }

    private static String text(Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        return value == null ? null : value.toString();
    }

    private static java.time.Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
