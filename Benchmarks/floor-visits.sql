-- The same-schema floor of visits, as floor-doses.sql: visits.csv staged, then copied into the registry's visit table.
PRAGMA cache_size = -131072;
.mode csv
.import {path} staged_visits
BEGIN IMMEDIATE;
INSERT INTO visit (patient_id, visit_date, note, created_at)
SELECT p.id, v.visit_date, nullif(v.note, ''), '2026-01-01T00:00:00Z'
FROM staged_visits v JOIN patient p ON p.site = v.site AND p.code = v.patient_code;
DROP TABLE staged_visits;
-- Each patient's latest visit in the summary of migration v007, from the rows just added (above its mark).
INSERT INTO patient_contact (patient_id, last_visit)
SELECT patient_id, max(visit_date) FROM visit WHERE id > (SELECT visit_id FROM contact_mark) GROUP BY patient_id
ON CONFLICT (patient_id) DO UPDATE SET last_visit = max(coalesce(last_visit, excluded.last_visit), excluded.last_visit);
UPDATE contact_mark SET visit_id = coalesce((SELECT max(id) FROM visit), 0);
COMMIT;
