package io.clearpost.support;

import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.history.HistoricProcessInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Process assertions over the engine's own history, in the spirit of BPM Assert's
 * {@code hasPassedInOrder}, {@code isWaitingAt} and {@code isEnded} (Operaton's BPM Assert
 * artifact is not on the Maven Central this project builds from).
 */
public final class ProcessHistory {

    private final HistoryService history;
    private final RuntimeService runtime;
    private final String processInstanceId;

    private ProcessHistory(HistoryService history, RuntimeService runtime, String processInstanceId) {
        this.history = history;
        this.runtime = runtime;
        this.processInstanceId = processInstanceId;
    }

    public static ProcessHistory of(HistoryService history, RuntimeService runtime, String processInstanceId) {
        return new ProcessHistory(history, runtime, processInstanceId);
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
}
