-- schema 7: each patient's latest dose and visit, kept beside the logs, so that last-contact censoring (PRODUCT.md §6
-- "Time on treatment") and `share` read one row per patient instead of every dose. It is a summary of the rows whose
-- id is at most the mark of `contact_mark`: a writer adding doses or visits folds them in and moves the mark, and a
-- reader takes the rows above the mark from the logs themselves, so a row added past adreg (the sqlite3 shell) is
-- never missed. An update or delete of a summarised row recomputes its patients here; `adreg check` compares the
-- whole summary with the logs.

CREATE TABLE contact_mark (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  dose_id INTEGER NOT NULL CHECK (dose_id >= 0),
  visit_id INTEGER NOT NULL CHECK (visit_id >= 0)
) STRICT;

CREATE TABLE patient_contact (
  patient_id INTEGER PRIMARY KEY REFERENCES patient (id) ON DELETE CASCADE,
  last_dose TEXT CHECK (last_dose IS NULL OR date(last_dose) IS last_dose),
  last_visit TEXT CHECK (last_visit IS NULL OR date(last_visit) IS last_visit)
) STRICT;

INSERT INTO patient_contact (patient_id, last_dose, last_visit)
SELECT p.id, (SELECT max(dose_date) FROM dose WHERE patient_id = p.id),
  (SELECT max(visit_date) FROM visit WHERE patient_id = p.id)
FROM patient p
WHERE EXISTS (SELECT 1 FROM dose WHERE patient_id = p.id) OR EXISTS (SELECT 1 FROM visit WHERE patient_id = p.id);

INSERT INTO contact_mark (id, dose_id, visit_id)
VALUES (1, coalesce((SELECT max(id) FROM dose), 0), coalesce((SELECT max(id) FROM visit), 0));

CREATE TRIGGER dose_contact_delete AFTER DELETE ON dose
WHEN OLD.id <= (SELECT dose_id FROM contact_mark)
BEGIN
  UPDATE patient_contact
  SET last_dose = (
    SELECT max(dose_date) FROM dose WHERE patient_id = OLD.patient_id AND id <= (SELECT dose_id FROM contact_mark))
  WHERE patient_id = OLD.patient_id;
END;

CREATE TRIGGER dose_contact_update AFTER UPDATE OF id, patient_id, dose_date ON dose
WHEN OLD.id <= (SELECT dose_id FROM contact_mark) OR NEW.id <= (SELECT dose_id FROM contact_mark)
BEGIN
  INSERT INTO patient_contact (patient_id, last_dose)
  VALUES (OLD.patient_id, (
    SELECT max(dose_date) FROM dose WHERE patient_id = OLD.patient_id AND id <= (SELECT dose_id FROM contact_mark)))
  ON CONFLICT (patient_id) DO UPDATE SET last_dose = excluded.last_dose;
  INSERT INTO patient_contact (patient_id, last_dose)
  VALUES (NEW.patient_id, (
    SELECT max(dose_date) FROM dose WHERE patient_id = NEW.patient_id AND id <= (SELECT dose_id FROM contact_mark)))
  ON CONFLICT (patient_id) DO UPDATE SET last_dose = excluded.last_dose;
END;

CREATE TRIGGER visit_contact_delete AFTER DELETE ON visit
WHEN OLD.id <= (SELECT visit_id FROM contact_mark)
BEGIN
  UPDATE patient_contact
  SET last_visit = (
    SELECT max(visit_date) FROM visit WHERE patient_id = OLD.patient_id AND id <= (SELECT visit_id FROM contact_mark))
  WHERE patient_id = OLD.patient_id;
END;

CREATE TRIGGER visit_contact_update AFTER UPDATE OF id, patient_id, visit_date ON visit
WHEN OLD.id <= (SELECT visit_id FROM contact_mark) OR NEW.id <= (SELECT visit_id FROM contact_mark)
BEGIN
  INSERT INTO patient_contact (patient_id, last_visit)
  VALUES (OLD.patient_id, (
    SELECT max(visit_date) FROM visit WHERE patient_id = OLD.patient_id AND id <= (SELECT visit_id FROM contact_mark)))
  ON CONFLICT (patient_id) DO UPDATE SET last_visit = excluded.last_visit;
  INSERT INTO patient_contact (patient_id, last_visit)
  VALUES (NEW.patient_id, (
    SELECT max(visit_date) FROM visit WHERE patient_id = NEW.patient_id AND id <= (SELECT visit_id FROM contact_mark)))
  ON CONFLICT (patient_id) DO UPDATE SET last_visit = excluded.last_visit;
END;
