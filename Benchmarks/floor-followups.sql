-- The same-schema floor of follow-ups, as floor-doses.sql: followups.csv staged, then copied into the registry's
-- follow_up table in each case's sequence, joined to the case by uuid. Treatments (a list) are left out, as floor.sql
-- leaves out lists: a floor for any loader, not a like-for-like baseline.
PRAGMA cache_size = -131072;
.mode csv
.import {path} staged_followups
BEGIN IMMEDIATE;
INSERT INTO follow_up (case_id, action, dechallenge, rechallenge, outcome, outcome_date, biopsy, note, recorded_at,
  recorded_by)
SELECT c.id, nullif(f.action, ''), nullif(f.dechallenge, ''), nullif(f.rechallenge, ''), nullif(f.outcome, ''),
  nullif(f.outcome_date, ''), nullif(f.biopsy, ''), nullif(f.note, ''), f.recorded_at, f.recorded_by
FROM staged_followups f JOIN case_report c ON c.uuid = f.case_uuid
ORDER BY c.id, f.sequence + 0;
DROP TABLE staged_followups;
COMMIT;
