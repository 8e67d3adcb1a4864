-- schema 3: visits, so that a patient's last contact is known (follow-up can be censored there), and the
-- trial references' arm counts, study design and whether the figure was checked in the primary source.

CREATE TABLE visit (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  visit_date TEXT NOT NULL CHECK (date(visit_date) IS visit_date),
  note TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (patient_id, visit_date)
) STRICT;

ALTER TABLE trial_reference ADD COLUMN events INTEGER CHECK (events IS NULL OR events >= 0);
ALTER TABLE trial_reference ADD COLUMN design TEXT
  CHECK (design IS NULL OR (design = 'rct' OR design = 'ole' OR design = 'cohort' OR design = 'source-article'));
-- A figure counts as verified only when someone read it in the label or the primary publication; rows kept
-- from earlier versions are not, until the shipped references are seeded again.
ALTER TABLE trial_reference ADD COLUMN verified INTEGER NOT NULL DEFAULT 0 CHECK (verified = 0 OR verified = 1);

-- The time-on-treatment reports read every case once in patient order, each patient's cases by onset, and need the
-- category too: with it in the index that pass never reads the table, and meets the patients in id order.
DROP INDEX case_by_patient;
CREATE INDEX case_by_patient ON case_report (patient_id, onset_date, category);
