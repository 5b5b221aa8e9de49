-- revise-brief: who last revised a brief (four-eyes at the next sign-off) and what the brand manager asked to change
ALTER TABLE brief ADD COLUMN revised_by VARCHAR(64) NULL;
ALTER TABLE brief ADD COLUMN changes_requested MEDIUMTEXT NULL;
