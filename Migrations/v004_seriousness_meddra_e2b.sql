-- schema 4: seriousness criteria of a case (ICH E2B(R3) E.i.3.2a–f), the site's MedDRA mapping of each category,
-- and the E2B files made from each case, so that a follow-up report gets the next version and a withdrawn case
-- that was sent can be nullified.

-- The vocabulary gains the list 'seriousness'. A CHECK cannot be widened in place, so the table is rebuilt.
CREATE TABLE vocabulary_v4 (
  list TEXT NOT NULL CHECK ((list = 'category' OR list = 'risk-factor' OR list = 'scaling' OR list = 'morphology' OR list = 'body-site' OR list = 'severity' OR list = 'action' OR list = 'treatment' OR list = 'dechallenge' OR list = 'rechallenge' OR list = 'outcome' OR list = 'sex' OR list = 'source' OR list = 'seriousness')),
  code TEXT NOT NULL,
  meaning TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (list, code)
) STRICT, WITHOUT ROWID;

INSERT INTO vocabulary_v4 (list, code, meaning, position) SELECT list, code, meaning, position FROM vocabulary;
DROP TABLE vocabulary;
ALTER TABLE vocabulary_v4 RENAME TO vocabulary;

INSERT INTO vocabulary (list, code, meaning, position) VALUES
  ('seriousness', 'death', 'results in death (E.i.3.2a)', 1),
  ('seriousness', 'life-threatening', 'life-threatening (E.i.3.2b)', 2),
  ('seriousness', 'hospitalisation', 'caused or prolonged hospitalisation (E.i.3.2c)', 3),
  ('seriousness', 'disability', 'disabling or incapacitating (E.i.3.2d)', 4),
  ('seriousness', 'congenital-anomaly', 'congenital anomaly or birth defect (E.i.3.2e)', 5),
  ('seriousness', 'medically-important', 'other medically important condition (E.i.3.2f)', 6);

-- A case is serious when it has at least one criterion; follow-ups add criteria, none is ever taken away.
CREATE TABLE case_seriousness (
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  code TEXT NOT NULL CHECK ((code = 'death' OR code = 'life-threatening' OR code = 'hospitalisation' OR code = 'disability' OR code = 'congenital-anomaly' OR code = 'medically-important')),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (case_id, code)
) STRICT, WITHOUT ROWID;

-- The site's licensed MedDRA coding of each category (and of the indication, atopic dermatitis). A new import
-- replaces a row; the audit trail keeps what it replaced. Never exported.
CREATE TABLE meddra_mapping (
  category TEXT PRIMARY KEY NOT NULL CHECK ((category = 'eczema-worsening' OR category = 'facial-redness' OR category = 'seborrheic-like' OR category = 'psoriasiform' OR category = 'rosacea-like' OR category = 'injection-site' OR category = 'skin-infection' OR category = 'conjunctivitis' OR category = 'other' OR category = 'indication')),
  meddra_version TEXT NOT NULL CHECK (meddra_version GLOB '[0-9]*.[0-9]*' AND meddra_version NOT GLOB '*[^0-9.]*'),
  llt_code TEXT NOT NULL CHECK (length(llt_code) = 8 AND llt_code NOT GLOB '*[^0-9]*'),
  llt_name TEXT NOT NULL CHECK (length(trim(llt_name)) > 0),
  pt_code TEXT NOT NULL CHECK (length(pt_code) = 8 AND pt_code NOT GLOB '*[^0-9]*'),
  pt_name TEXT NOT NULL CHECK (length(trim(pt_name)) > 0),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL
) STRICT, WITHOUT ROWID;

-- Every ICH E2B(R3) file made: its version within the case, what it was (a report or a nullification), the digest of
-- the case's state it reported (to find serious cases not yet sent in their current state) and of the file itself.
CREATE TABLE e2b_export (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES case_report (id),
  version INTEGER NOT NULL CHECK (version >= 1),
  kind TEXT NOT NULL CHECK ((kind = 'report' OR kind = 'nullification')),
  file_name TEXT NOT NULL CHECK (length(file_name) > 0),
  state_sha256 TEXT NOT NULL CHECK (length(state_sha256) = 64),
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  exported_at TEXT NOT NULL,
  exported_by TEXT NOT NULL,
  UNIQUE (case_id, version)
) STRICT;
