package io.clearpost.support;

import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ManagementService;
import org.operaton.bpm.engine.ProcessEngineServices;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.task.Task;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Process assertions over the engine's own history, in the spirit of BPM Assert's
 * {@code hasPassedInOrder}, {@code isWaitingAt} and {@code isEnded}, and BPM Assert's {@code task()},
 * {@code job()} and {@code execute(job)} to drive one instance (Operaton's BPM Assert artifact is not
 * on the Maven Central this project builds from).
 */
public final class ProcessHistory {

    private final HistoryService history;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final TaskService tasks;
    private final String processInstanceId;

    private ProcessHistory(ProcessEngineServices engine, String processInstanceId) {
        this.history = engine.getHistoryService();
        this.runtime = engine.getRuntimeService();
        this.management = engine.getManagementService();
        this.tasks = engine.getTaskService();
        this.processInstanceId = processInstanceId;
    }

    public static ProcessHistory of(ProcessEngineServices engine, String processInstanceId) {
        return new ProcessHistory(engine, processInstanceId);
    }

    public String id() {
        return processInstanceId;
    }

    /** Activity ids this instance has started, in order. */
    public List<String> passed() {
        return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
                .orderPartiallyByOccurrence().asc().list().stream()
                .map(HistoricActivityInstance::getActivityId).toList();
    }

    public ProcessHistory hasPassedInOrder(String... activityIds) {
        assertThat(passed()).as("activities passed by %s", processInstanceId).containsSubsequence(activityIds);
        return this;
    }

    public ProcessHistory hasNotPassed(String... activityIds) {
        assertThat(passed()).as("activities passed by %s", processInstanceId).doesNotContain(activityIds);
        return this;
    }

    public ProcessHistory isWaitingAt(String... activityIds) {
        assertThat(runtime.getActiveActivityIds(processInstanceId)).as("waiting at").containsExactlyInAnyOrder(activityIds);
        return this;
    }

    public ProcessHistory isEnded() {
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        assertThat(instance.getEndTime()).as("%s ended", processInstanceId).isNotNull();
        return this;
    }

    public ProcessHistory endedAt(String endEventId) {
        isEnded();
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        assertThat(instance.getEndActivityId()).isEqualTo(endEventId);
        return this;
    }

    /** The one open user task of this instance with the key. */
    public Task task(String key) {
        List<Task> open = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(key).list();
        assertThat(open).as("open %s tasks of %s", key, processInstanceId).hasSize(1);
        return open.get(0);
    }

    /** The jobs of this instance (timers, asynchronous continuations), oldest due first. */
    public List<Job> jobs() {
        return management.createJobQuery().processInstanceId(processInstanceId).orderByJobDuedate().asc().list();
    }

    /** The jobs of this instance at the activity (a timer catch event, an asynchronous task), one per execution there. */
    public List<Job> jobs(String activityId) {
        return management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).list();
    }

    /** The one job of this instance at the activity. */
    public Job job(String activityId) {
        List<Job> jobs = jobs(activityId);
        assertThat(jobs).as("jobs of %s at %s", processInstanceId, activityId).hasSize(1);
        return jobs.get(0);
    }

    /**
     * Runs the job now ({@code ManagementService.executeJob}, whatever its due date: move the engine clock
     * first for a timer). A failure is thrown once the engine has counted it: retries left, next due date.
     */
    public ProcessHistory execute(Job job) {
        management.executeJob(job.getId());
        return this;
    }
}
