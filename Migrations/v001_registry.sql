-- adreg registry, schema 1: the treated cohort, their doses, reaction cases with follow-ups,
-- withdrawals, trial references, staff answers for causality, and an append-only audit trail.
-- Dates are ISO text (YYYY-MM-DD) so that they sort and compare as dates and read as dates in sqlite3.
-- Vocabulary CHECKs are chains of = rather than IN (…): SQLite 3.40 builds a temporary index for an IN list
-- each time such a CHECK runs, which made bulk imports several times slower.

CREATE TABLE setting (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE vocabulary (
  list TEXT NOT NULL CHECK ((list = 'category' OR list = 'risk-factor' OR list = 'scaling' OR list = 'morphology' OR list = 'body-site' OR list = 'severity' OR list = 'action' OR list = 'treatment' OR list = 'dechallenge' OR list = 'rechallenge' OR list = 'outcome' OR list = 'sex' OR list = 'source')),
  code TEXT NOT NULL,
  meaning TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (list, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE patient (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
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

CREATE INDEX patient_by_start ON patient (start_date, stop_date);

CREATE TABLE patient_risk_factor (
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  code TEXT NOT NULL CHECK ((code = 'psoriasis-history' OR code = 'rosacea-history' OR code = 'seborrheic-dermatitis-history' OR code = 'injection-sensitivity' OR code = 'poor-skin-barrier')),
  PRIMARY KEY (patient_id, code)
) STRICT, WITHOUT ROWID;

CREATE INDEX risk_factor_by_code ON patient_risk_factor (code, patient_id);

CREATE TABLE dose (
  id INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patient (id),
  dose_date TEXT NOT NULL CHECK (date(dose_date) IS dose_date),
  created_at TEXT NOT NULL,
  UNIQUE (patient_id, dose_date)
) STRICT;

CREATE TABLE case_report (
  id INTEGER PRIMARY KEY,
  uuid TEXT NOT NULL UNIQUE CHECK (length(uuid) = 36),
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

-- The frequency report counts distinct patients per category in a window of onset dates.
CREATE INDEX case_by_category ON case_report (category, onset_date, patient_id);
CREATE INDEX case_by_patient ON case_report (patient_id, onset_date);

CREATE TABLE case_morphology (
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  code TEXT NOT NULL CHECK ((code = 'erythema' OR code = 'papules' OR code = 'plaques' OR code = 'pustules' OR code = 'vesicles' OR code = 'oozing' OR code = 'crusting' OR code = 'lichenification' OR code = 'swelling' OR code = 'telangiectasia')),
  PRIMARY KEY (case_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_body_site (
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  code TEXT NOT NULL CHECK ((code = 'face' OR code = 'eyelids' OR code = 'scalp' OR code = 'neck' OR code = 'trunk' OR code = 'arms' OR code = 'hands' OR code = 'legs' OR code = 'feet' OR code = 'flexures' OR code = 'injection-site' OR code = 'widespread')),
  PRIMARY KEY (case_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE follow_up (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  action TEXT CHECK (action IS NULL OR (action = 'continued' OR action = 'interval-extended' OR action = 'paused' OR action = 'discontinued' OR action = 'restarted')),
  dechallenge TEXT CHECK (dechallenge IS NULL OR (dechallenge = 'improved' OR dechallenge = 'not-improved')),
  rechallenge TEXT CHECK (rechallenge IS NULL OR (rechallenge = 'recurred' OR rechallenge = 'no-recurrence')),
  outcome TEXT CHECK (outcome IS NULL OR (outcome = 'ongoing' OR outcome = 'improving' OR outcome = 'resolved' OR outcome = 'resolved-with-sequelae' OR outcome = 'unknown')),
  outcome_date TEXT CHECK (outcome_date IS NULL OR (outcome IS NOT NULL AND date(outcome_date) IS outcome_date)),
  biopsy TEXT,
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

CREATE INDEX follow_up_by_case ON follow_up (case_id, id);

CREATE TABLE follow_up_treatment (
  follow_up_id INTEGER NOT NULL REFERENCES follow_up (id),
  code TEXT NOT NULL CHECK ((code = 'topical-corticosteroid' OR code = 'calcineurin-inhibitor' OR code = 'antifungal' OR code = 'antibiotic' OR code = 'antiviral' OR code = 'moisturizer' OR code = 'other')),
  PRIMARY KEY (follow_up_id, code)
) STRICT, WITHOUT ROWID;

CREATE TABLE case_withdrawal (
  case_id INTEGER PRIMARY KEY REFERENCES case_report (id),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  withdrawn_at TEXT NOT NULL,
  withdrawn_by TEXT NOT NULL
) STRICT;

-- Staff answers to the Naranjo questions; the latest answer of a question counts, earlier ones stay.
CREATE TABLE assessment_answer (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  question INTEGER NOT NULL CHECK (question BETWEEN 1 AND 10),
  answer TEXT NOT NULL CHECK ((answer = 'yes' OR answer = 'no' OR answer = 'unknown')),
  answered_at TEXT NOT NULL,
  answered_by TEXT NOT NULL
) STRICT;

CREATE INDEX assessment_answer_by_case ON assessment_answer (case_id, question, id);

CREATE TABLE trial_reference (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL CHECK (length(source) > 0),
  population TEXT NOT NULL DEFAULT '',
  arm TEXT NOT NULL CHECK ((arm = 'dupilumab' OR arm = 'placebo')),
  category TEXT NOT NULL CHECK ((category = 'eczema-worsening' OR category = 'facial-redness' OR category = 'seborrheic-like' OR category = 'psoriasiform' OR category = 'rosacea-like' OR category = 'injection-site' OR category = 'skin-infection' OR category = 'conjunctivitis' OR category = 'other')),
  percent_low REAL CHECK (percent_low IS NULL OR (percent_low >= 0 AND percent_low <= 100)),
  percent_high REAL NOT NULL CHECK (percent_high >= 0 AND percent_high <= 100),
  patients INTEGER CHECK (patients IS NULL OR patients > 0),
  weeks INTEGER CHECK (weeks IS NULL OR weeks > 0),
  citation TEXT NOT NULL DEFAULT '',
  provenance TEXT NOT NULL CHECK (length(provenance) > 0),
  CHECK (percent_low IS NULL OR percent_low <= percent_high),
  UNIQUE (source, arm, category)
) STRICT;

-- Every change, append-only: the triggers below refuse UPDATE and DELETE in the database itself.
CREATE TABLE audit_entry (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  user TEXT NOT NULL,
  action TEXT NOT NULL,
  patient_id INTEGER,
  case_id INTEGER,
  changes TEXT NOT NULL DEFAULT '',
  reason TEXT
) STRICT;

CREATE INDEX audit_by_case ON audit_entry (case_id, id);
CREATE INDEX audit_by_patient ON audit_entry (patient_id, id);
CREATE INDEX audit_by_time ON audit_entry (at, id);

CREATE TRIGGER audit_entry_no_update BEFORE UPDATE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

CREATE TRIGGER audit_entry_no_delete BEFORE DELETE ON audit_entry
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only');
END;

INSERT INTO setting (key, value) VALUES ('default_site', 'main');

INSERT INTO vocabulary (list, code, meaning, position) VALUES
  ('category', 'eczema-worsening', 'flare of the patient''s atopic dermatitis', 1),
  ('category', 'facial-redness', 'dupilumab facial redness', 2),
  ('category', 'seborrheic-like', 'seborrheic-dermatitis-like eruption', 3),
  ('category', 'psoriasiform', 'psoriasiform eruption', 4),
  ('category', 'rosacea-like', 'persistent facial redness without typical eczema scaling', 5),
  ('category', 'injection-site', 'reaction at the injection site', 6),
  ('category', 'skin-infection', 'secondary bacterial, fungal or viral infection', 7),
  ('category', 'conjunctivitis', 'conjunctivitis', 8),
  ('category', 'other', 'another reaction (needs a description)', 9),
  ('risk-factor', 'psoriasis-history', 'history of psoriasis', 1),
  ('risk-factor', 'rosacea-history', 'history of rosacea', 2),
  ('risk-factor', 'seborrheic-dermatitis-history', 'history of seborrheic dermatitis', 3),
  ('risk-factor', 'injection-sensitivity', 'earlier reactions to injections', 4),
  ('risk-factor', 'poor-skin-barrier', 'markedly impaired skin barrier', 5),
  ('scaling', 'present', 'scaling present', 1),
  ('scaling', 'absent', 'no scaling', 2),
  ('scaling', 'unknown', 'scaling not assessed', 3),
  ('morphology', 'erythema', 'redness', 1),
  ('morphology', 'papules', 'small raised bumps', 2),
  ('morphology', 'plaques', 'raised flat-topped patches', 3),
  ('morphology', 'pustules', 'pus-filled bumps', 4),
  ('morphology', 'vesicles', 'small blisters', 5),
  ('morphology', 'oozing', 'weeping skin', 6),
  ('morphology', 'crusting', 'dried exudate', 7),
  ('morphology', 'lichenification', 'thickened skin from scratching', 8),
  ('morphology', 'swelling', 'oedema', 9),
  ('morphology', 'telangiectasia', 'visible small vessels', 10),
  ('body-site', 'face', 'face', 1),
  ('body-site', 'eyelids', 'eyelids', 2),
  ('body-site', 'scalp', 'scalp', 3),
  ('body-site', 'neck', 'neck', 4),
  ('body-site', 'trunk', 'trunk', 5),
  ('body-site', 'arms', 'arms', 6),
  ('body-site', 'hands', 'hands', 7),
  ('body-site', 'legs', 'legs', 8),
  ('body-site', 'feet', 'feet', 9),
  ('body-site', 'flexures', 'skin folds', 10),
  ('body-site', 'injection-site', 'where the injection was given', 11),
  ('body-site', 'widespread', 'widespread', 12),
  ('severity', 'mild', 'mild', 1),
  ('severity', 'moderate', 'moderate', 2),
  ('severity', 'severe', 'severe', 3),
  ('action', 'continued', 'dupilumab continued unchanged', 1),
  ('action', 'interval-extended', 'dosing interval extended', 2),
  ('action', 'paused', 'dupilumab paused', 3),
  ('action', 'discontinued', 'dupilumab stopped', 4),
  ('action', 'restarted', 'dupilumab restarted', 5),
  ('treatment', 'topical-corticosteroid', 'topical corticosteroid', 1),
  ('treatment', 'calcineurin-inhibitor', 'topical calcineurin inhibitor', 2),
  ('treatment', 'antifungal', 'antifungal', 3),
  ('treatment', 'antibiotic', 'antibiotic', 4),
  ('treatment', 'antiviral', 'antiviral', 5),
  ('treatment', 'moisturizer', 'emollient or moisturizer', 6),
  ('treatment', 'other', 'another treatment', 7),
  ('dechallenge', 'improved', 'improved after dupilumab was paused, stopped or spaced', 1),
  ('dechallenge', 'not-improved', 'did not improve after dechallenge', 2),
  ('rechallenge', 'recurred', 'recurred when dupilumab was given again', 1),
  ('rechallenge', 'no-recurrence', 'did not recur on rechallenge', 2),
  ('outcome', 'ongoing', 'ongoing', 1),
  ('outcome', 'improving', 'improving', 2),
  ('outcome', 'resolved', 'resolved', 3),
  ('outcome', 'resolved-with-sequelae', 'resolved with lasting changes', 4),
  ('outcome', 'unknown', 'outcome unknown', 5),
  ('sex', 'F', 'female', 1),
  ('sex', 'M', 'male', 2),
  ('sex', 'X', 'another sex or gender', 3),
  ('sex', 'unknown', 'not recorded', 4),
  ('source', 'patient', 'reported by the patient', 1),
  ('source', 'clinician', 'observed by a clinician', 2);
