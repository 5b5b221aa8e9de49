package io.clearpost.task;

import java.util.Date;

/** Where a task stands against its due date; the at-risk point is the task's follow-up date. */
public enum SlaState {
    ON_TRACK, AT_RISK, BREACHED;

    public static SlaState of(Date now, Date atRisk, Date due) {
        if (due != null && now.after(due)) {
            return BREACHED;
        }
        if (atRisk != null && now.after(atRisk)) {
            return AT_RISK;
        }
        return ON_TRACK;
    }
}
