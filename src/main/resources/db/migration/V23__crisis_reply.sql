-- The reply templates of a crisis's moderators, drafted with each holding statement and approved with it (issue 12:
-- "drafted and approved in the same round"): a playbook's, filled in, and those the drafter writes. drafts holds the
-- replies of the current draft (JSON list of {name, text, playbookId?, playbookHash?}); approved holds them, with the
-- approved revision's hash, once the statement is approved (NULL before). They were kept with the playbook used
-- (crisis_playbook), so a crisis drafted without a playbook could have none.
CREATE TABLE crisis_reply (
    crisis_id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    drafts                  MEDIUMTEXT    NOT NULL,
    approved                MEDIUMTEXT    NULL,
    CONSTRAINT fk_crisis_reply_crisis FOREIGN KEY (crisis_id) REFERENCES crisis (id)
);

INSERT INTO crisis_reply (crisis_id, drafts, approved)
    SELECT crisis_id, reply_drafts, replies FROM crisis_playbook;

ALTER TABLE crisis_playbook DROP COLUMN reply_drafts;
ALTER TABLE crisis_playbook DROP COLUMN replies;
