-- The same-schema floor of visits, as floor-doses.sql: visits.csv staged, then copied into the registry's visit table.
PRAGMA cache_size = -131072;
.mode csv
.import {path} staged_visits
BEGIN IMMEDIATE;
INSERT INTO visit (patient_id, visit_date, note, created_at)
SELECT p.id, v.visit_date, nullif(v.note, ''), '2026-01-01T00:00:00Z'
FROM staged_visits v JOIN patient p ON p.site = v.site AND p.code = v.patient_code;
DROP TABLE staged_visits;
COMMIT;
