-- schema 5: the WHO-UMC causality category staff set for a case (the latest stands, earlier ones stay), its codes
-- in the vocabulary, and the link from a case withdrawn as a duplicate to the case that stays.

-- The vocabulary's CHECK of list names is widened by rebuilding the table (SQLite cannot alter a CHECK). The list
-- 'seriousness' is allowed here too, so that this rebuild keeps the rows of the seriousness list wherever it is seeded.
CREATE TABLE vocabulary_next (
  list TEXT NOT NULL CHECK ((list = 'category' OR list = 'risk-factor' OR list = 'scaling' OR list = 'morphology' OR list = 'body-site' OR list = 'severity' OR list = 'action' OR list = 'treatment' OR list = 'dechallenge' OR list = 'rechallenge' OR list = 'outcome' OR list = 'sex' OR list = 'source' OR list = 'seriousness' OR list = 'who-umc')),
  code TEXT NOT NULL,
  meaning TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (list, code)
) STRICT, WITHOUT ROWID;

INSERT INTO vocabulary_next (list, code, meaning, position) SELECT list, code, meaning, position FROM vocabulary;
DROP TABLE vocabulary;
ALTER TABLE vocabulary_next RENAME TO vocabulary;

INSERT INTO vocabulary (list, code, meaning, position) VALUES
  ('who-umc', 'certain', 'plausible timing, no other explanation, improved on withdrawal and recurred on rechallenge', 1),
  ('who-umc', 'probable', 'plausible timing, no other explanation, improved on withdrawal', 2),
  ('who-umc', 'possible', 'plausible timing, but another explanation exists or withdrawal information is lacking', 3),
  ('who-umc', 'unlikely', 'timing or another cause makes a drug link improbable (a staff judgement)', 4),
  ('who-umc', 'conditional', 'more data are needed before the case can be judged (a staff judgement)', 5),
  ('who-umc', 'unassessable', 'the information is insufficient or contradictory and cannot be completed', 6);

-- Staff's WHO-UMC category of a case, with the reason; assess shows the latest beside the suggested one.
CREATE TABLE who_umc_assessment (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  category TEXT NOT NULL CHECK ((category = 'certain' OR category = 'probable' OR category = 'possible' OR category = 'unlikely' OR category = 'conditional' OR category = 'unassessable')),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  assessed_at TEXT NOT NULL,
  assessed_by TEXT NOT NULL
) STRICT;

CREATE INDEX who_umc_assessment_by_case ON who_umc_assessment (case_id, id);

-- A case withdrawn as a duplicate names the case that stays; case show lists the link from both sides.
ALTER TABLE case_withdrawal ADD COLUMN duplicate_of INTEGER REFERENCES case_report (id)
  CHECK (duplicate_of IS NULL OR duplicate_of <> case_id);

CREATE INDEX case_withdrawal_by_duplicate ON case_withdrawal (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- The schema holds the rule too: a duplicate and the case it duplicates belong to one patient.
CREATE TRIGGER case_withdrawal_duplicate_same_patient BEFORE INSERT ON case_withdrawal
WHEN NEW.duplicate_of IS NOT NULL
  AND (SELECT patient_id FROM case_report WHERE id = NEW.duplicate_of) IS NOT (SELECT patient_id FROM case_report WHERE id = NEW.case_id)
BEGIN
  SELECT RAISE(ABORT, 'a duplicate links two cases of one patient');
END;

CREATE TRIGGER case_withdrawal_duplicate_same_patient_update BEFORE UPDATE OF duplicate_of ON case_withdrawal
WHEN NEW.duplicate_of IS NOT NULL
  AND (SELECT patient_id FROM case_report WHERE id = NEW.duplicate_of) IS NOT (SELECT patient_id FROM case_report WHERE id = NEW.case_id)
BEGIN
  SELECT RAISE(ABORT, 'a duplicate links two cases of one patient');
END;
