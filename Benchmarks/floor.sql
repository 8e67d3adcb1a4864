-- The same-schema floor of PRODUCT.md §9: what adreg's schema costs by itself, whoever loads it. The sqlite3 shell
-- stages the CSV files in plain tables, then fills the registry tables (made by `adreg init`) with one
-- INSERT … SELECT each, the secondary indexes dropped first and built at the end, as `adreg import` does with an
-- empty registry. Lists (risk factors, morphology, sites, follow-ups) are left out, so this is a floor for any
-- loader, not a like-for-like baseline. Benchmarks/bench.py fills in {patients} and {cases}, and runs `adreg check`
-- on the result, which fails when a migration changed what this file drops or builds: keep it in step with
-- Migrations/.
PRAGMA cache_size = -131072;
.mode csv
.import {patients} staged_patients
.import {cases} staged_cases
BEGIN IMMEDIATE;
DROP INDEX patient_by_start;
DROP INDEX patient_by_stop;
DROP INDEX case_by_category;
DROP INDEX patient_by_uuid;
DROP INDEX case_by_uuid;
INSERT INTO patient (uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, interval_days,
  created_at)
SELECT uuid, site, code, sex, nullif(birth_year, '') + 0, start_date, nullif(stop_date, ''), nullif(stop_reason, ''),
  regimen, interval_days + 0, '2026-01-01T00:00:00Z'
FROM staged_patients;
INSERT INTO case_report (uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, itch,
  description, created_at, created_by)
SELECT c.uuid, p.id, c.category, c.onset_date, c.reported_date, c.source, c.scaling, nullif(c.severity, ''),
  nullif(c.itch, '') + 0, nullif(c.description, ''), '2026-01-01T00:00:00Z', 'bench'
FROM staged_cases c JOIN patient p ON p.site = c.site AND p.code = c.patient_code;
CREATE INDEX patient_by_start ON patient (start_date, stop_date);
CREATE INDEX patient_by_stop ON patient (stop_date) WHERE stop_date IS NOT NULL;
CREATE INDEX case_by_category ON case_report (category, onset_date, patient_id);
CREATE UNIQUE INDEX patient_by_uuid ON patient (uuid);
CREATE UNIQUE INDEX case_by_uuid ON case_report (uuid);
DROP TABLE staged_patients;
DROP TABLE staged_cases;
COMMIT;
