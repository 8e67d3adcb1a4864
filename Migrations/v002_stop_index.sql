-- schema 2: the frequency report sums each cohort's exposure from counts of patients per start date and
-- per stop date; the patients who stopped are few, and this index lets the report read their stop dates
-- alone instead of every patient.
CREATE INDEX patient_by_stop ON patient (stop_date) WHERE stop_date IS NOT NULL;
