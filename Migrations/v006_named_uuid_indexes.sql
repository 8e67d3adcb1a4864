-- schema 6: a patient's and a case's uuid are unique through named indexes, patient_by_uuid and case_by_uuid, instead
-- of UNIQUE in the column. An import into an empty table drops a named index and builds it once at the end, which is
-- several times cheaper than keeping randomly ordered uuids in order row by row (it checks duplicates itself).
-- SQLite cannot drop a column's UNIQUE, so both tables are rebuilt with every row, id, CHECK and foreign key kept;
-- their indexes are made again as they were.

-- The triggers that read case_report are made again after it, unchanged: SQLite refuses to rename a table while a
-- trigger names one that is missing.
DROP TRIGGER case_withdrawal_duplicate_same_patient;
DROP TRIGGER case_withdrawal_duplicate_same_patient_update;

CREATE TABLE patient_next (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL CHECK (length(uuid) = 36),
  site TEXT NOT NULL CHECK (length(site) BETWEEN 1 AND 64),
  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),
  sex TEXT NOT NULL DEFAULT 'unknown' CHECK ((sex = 'F' OR sex = 'M' OR sex = 'X' OR sex = 'unknown')),
  birth_year INTEGER CHECK (birth_year BETWEEN 1900 AND 2100),
  start_date TEXT NOT NULL
    CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(start_date) IS start_date),
  stop_date TEXT
    CHECK (stop_date IS NULL OR (date(stop_date) IS stop_date AND stop_date >= start_date)),
  stop_reason TEXT CHECK (stop_reason IS NULL OR stop_date IS NOT NULL),
  regimen TEXT NOT NULL DEFAULT '300 mg every 2 weeks' CHECK (length(regimen) BETWEEN 1 AND 200),
  interval_days INTEGER NOT NULL DEFAULT 14 CHECK (interval_days BETWEEN 1 AND 365),
  created_at TEXT NOT NULL,
  UNIQUE (site, code)
) STRICT;

INSERT INTO patient_next (id, uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, interval_days, created_at)
SELECT id, uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, interval_days, created_at FROM patient;
DROP TABLE patient;
ALTER TABLE patient_next RENAME TO patient;

CREATE INDEX patient_by_start ON patient (start_date, stop_date);
CREATE INDEX patient_by_stop ON patient (stop_date) WHERE stop_date IS NOT NULL;
CREATE UNIQUE INDEX patient_by_uuid ON patient (uuid);

CREATE TABLE case_report_next (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL CHECK (length(uuid) = 36),
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  category TEXT NOT NULL CHECK ((category = 'eczema-worsening' OR category = 'facial-redness' OR category = 'seborrheic-like' OR category = 'psoriasiform' OR category = 'rosacea-like' OR category = 'injection-site' OR category = 'skin-infection' OR category = 'conjunctivitis' OR category = 'other')),
  onset_date TEXT NOT NULL CHECK (date(onset_date) IS onset_date),
  reported_date TEXT NOT NULL CHECK (date(reported_date) IS reported_date AND reported_date >= onset_date),
  source TEXT NOT NULL DEFAULT 'clinician' CHECK ((source = 'patient' OR source = 'clinician')),
  scaling TEXT NOT NULL DEFAULT 'unknown' CHECK ((scaling = 'present' OR scaling = 'absent' OR scaling = 'unknown')),
  severity TEXT CHECK (severity IS NULL OR (severity = 'mild' OR severity = 'moderate' OR severity = 'severe')),
  itch INTEGER CHECK (itch IS NULL OR itch BETWEEN 0 AND 10),
  description TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  CHECK (category <> 'other' OR length(trim(coalesce(description, ''))) > 0)
) STRICT;

INSERT INTO case_report_next (id, uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, itch, description, created_at, created_by)
SELECT id, uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, itch, description, created_at, created_by FROM case_report;
DROP TABLE case_report;
ALTER TABLE case_report_next RENAME TO case_report;

CREATE INDEX case_by_category ON case_report (category, onset_date, patient_id);
CREATE INDEX case_by_patient ON case_report (patient_id, onset_date, category);
CREATE UNIQUE INDEX case_by_uuid ON case_report (uuid);

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
