-- The same-schema floor of the injection log (PRAGMA cache_size as floor.sql): the sqlite3 shell stages doses.csv in a
-- plain table, then copies it into the registry's dose table, each dose joined to its patient by site and code.
-- Benchmarks/bench.py fills in {path} and runs `adreg check` on the result: keep it in step with Migrations/.
PRAGMA cache_size = -131072;
.mode csv
.import {path} staged_doses
BEGIN IMMEDIATE;
INSERT INTO dose (patient_id, dose_date, created_at)
SELECT p.id, d.dose_date, '2026-01-01T00:00:00Z'
FROM staged_doses d JOIN patient p ON p.site = d.site AND p.code = d.patient_code;
DROP TABLE staged_doses;
-- Each patient's latest dose in the summary of migration v007, from the rows just added (above its mark).
INSERT INTO patient_contact (patient_id, last_dose)
SELECT patient_id, max(dose_date) FROM dose WHERE id > (SELECT dose_id FROM contact_mark) GROUP BY patient_id
ON CONFLICT (patient_id) DO UPDATE SET last_dose = max(coalesce(last_dose, excluded.last_dose), excluded.last_dose);
UPDATE contact_mark SET dose_id = coalesce((SELECT max(id) FROM dose), 0);
COMMIT;
