-- A brand's business calendar: working hours in its time zone (WorkingHours' text form) and the ISO 3166
-- alpha-2 country whose public holidays it does not work (NULL: none). Existing brands get the default hours.
ALTER TABLE brand ADD COLUMN working_hours VARCHAR(200) DEFAULT 'MON-FRI 09:00-18:00' NOT NULL;
ALTER TABLE brand ADD COLUMN holiday_country VARCHAR(2) NULL;
