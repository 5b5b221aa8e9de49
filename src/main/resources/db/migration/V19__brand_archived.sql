-- An archived brand takes no new briefs; everything it has stays readable. Brands are never deleted.
ALTER TABLE brand ADD COLUMN archived BOOLEAN DEFAULT FALSE NOT NULL;
