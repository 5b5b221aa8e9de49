-- Escalations of late user tasks (sla-policy.dmn): when, to which roles. The task keeps its assignee;
-- this is what the task detail lists and the SLA report counts, also after the task is completed.
CREATE TABLE task_escalation (
    task_id             VARCHAR(64)  NOT NULL,
    position            INT          NOT NULL,
    brand               VARCHAR(64)  NOT NULL,
    task_key            VARCHAR(100) NOT NULL,
    task_created_at     DATETIME(3)  NOT NULL,
    escalated_at        DATETIME(3)  NOT NULL,
    escalated_to        VARCHAR(300) NOT NULL,
    PRIMARY KEY (task_id, position)
);
CREATE INDEX ix_task_escalation_brand ON task_escalation (brand, task_created_at);
