"""Runs adreg and its baselines side by side and prints one table of medians and ratios (PRODUCT.md §9)."""
import argparse
import csv
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

# Each patient's first non-withdrawn onset per category (and of any category), for the first events and life tables.
FIRST_CASES = """WITH first AS (
  SELECT c.category, c.patient_id, min(c.onset_date) AS onset FROM case_report c
  WHERE c.id NOT IN (SELECT case_id FROM case_withdrawal) GROUP BY c.category, c.patient_id
  UNION ALL
  SELECT 'any', c.patient_id, min(c.onset_date) FROM case_report c
  WHERE c.id NOT IN (SELECT case_id FROM case_withdrawal) GROUP BY c.patient_id
)
"""

# The figures of `report frequency` as a researcher would compute them in SQL: cohort size and exposure
# (the inclusive overlap of [start, stop or as-of] with the open window), then per category the distinct
# patients and the episodes among non-withdrawn cases, the references, the first events on treatment with the days
# after them that leave the time at risk, and (below, INCIDENCE_SQL) the life tables of the time-matched comparisons.
FREQUENCY_SQL = """
SELECT count(*), sum(julianday(min(coalesce(stop_date, '{end}'), '{end}')) - julianday(start_date) + 1)
FROM patient WHERE start_date <= '{end}';
SELECT c.category, count(DISTINCT c.patient_id), count(*) FROM case_report c
WHERE c.onset_date <= '{end}' AND c.id NOT IN (SELECT case_id FROM case_withdrawal) GROUP BY c.category
UNION ALL
SELECT 'any', count(DISTINCT c.patient_id), count(*) FROM case_report c
WHERE c.onset_date <= '{end}' AND c.id NOT IN (SELECT case_id FROM case_withdrawal);
SELECT * FROM trial_reference ORDER BY category, arm, source;
{first_cases}SELECT f.category,
  count(*) FILTER (WHERE f.onset <= '{end}' AND (p.stop_date IS NULL OR f.onset <= p.stop_date)),
  sum(max(0, julianday(min(coalesce(p.stop_date, '{end}'), '{end}')) - julianday(f.onset)))
FROM first f JOIN patient p ON p.id = f.patient_id WHERE p.start_date <= '{end}' GROUP BY f.category;
"""

# The aggregates of `report incidence` in SQL: each patient's end day (stop or as-of), and per category (and any)
# the first non-withdrawn onset of each patient on or before that end day, counted per day since start — the life
# table from which every Kaplan–Meier figure follows in a few thousand steps.
INCIDENCE_SQL = """
CREATE TEMP TABLE ends AS
SELECT id, start_date, CAST(julianday(min(coalesce(stop_date, '{end}'), '{end}')) - julianday(start_date) AS INTEGER) AS e
FROM patient WHERE start_date <= '{end}';
SELECT e, count(*) FROM ends GROUP BY e;
{first_cases}SELECT f.category, CAST(julianday(f.onset) - julianday(p.start_date) AS INTEGER) AS t, count(*)
FROM first f JOIN ends p ON p.id = f.patient_id
WHERE julianday(f.onset) - julianday(p.start_date) <= p.e GROUP BY f.category, t;
"""

# What adreg's schema costs by itself, whoever loads it: the sqlite3 shell imports the CSV files into plain
# tables, then copies patients and cases into the registry tables with one INSERT … SELECT each (secondary
# indexes built at the end, as adreg does). Lists (risk factors, morphology, sites, follow-ups) are left out,
# so this is a floor for any loader, not a like-for-like baseline.
SCHEMA_FLOOR_SQL = """
PRAGMA cache_size = -131072;
.mode csv
.import {patients} staged_patients
.import {cases} staged_cases
BEGIN IMMEDIATE;
DROP INDEX patient_by_start; DROP INDEX patient_by_stop; DROP INDEX case_by_category;
INSERT INTO patient (uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, interval_days, created_at)
SELECT uuid, site, code, sex, nullif(birth_year, '') + 0, start_date, nullif(stop_date, ''), nullif(stop_reason, ''),
  regimen, interval_days + 0, '2026-01-01T00:00:00Z' FROM staged_patients;
INSERT INTO case_report (uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, itch,
  description, created_at, created_by)
SELECT c.uuid, p.id, c.category, c.onset_date, c.reported_date, c.source, c.scaling, nullif(c.severity, ''),
  nullif(c.itch, '') + 0, nullif(c.description, ''), '2026-01-01T00:00:00Z', 'bench'
FROM staged_cases c JOIN patient p ON p.site = c.site AND p.code = c.patient_code;
CREATE INDEX patient_by_start ON patient (start_date, stop_date);
CREATE INDEX patient_by_stop ON patient (stop_date) WHERE stop_date IS NOT NULL;
CREATE INDEX case_by_category ON case_report (category, onset_date, patient_id);
DROP TABLE staged_patients; DROP TABLE staged_cases;
COMMIT;
"""


# The same floor for the injection log: the sqlite3 shell imports doses.csv into a plain table, then copies it
# into the registry's dose table, each dose joined to its patient by site and code.
DOSE_FLOOR_SQL = """
PRAGMA cache_size = -131072;
.mode csv
.import {doses} staged_doses
BEGIN IMMEDIATE;
INSERT INTO dose (patient_id, dose_date, created_at)
SELECT p.id, d.dose_date, '2026-01-01T00:00:00Z' FROM staged_doses d JOIN patient p ON p.site = d.site AND p.code = d.patient_code;
DROP TABLE staged_doses;
COMMIT;
"""

# `export doses --identified` in SQL, written by the sqlite3 shell.
DOSE_EXPORT_SQL = """.mode csv
.headers on
.once {out}
SELECT p.site, p.code AS patient_code, d.dose_date FROM patient p JOIN dose d ON d.patient_id = p.id
ORDER BY p.site, p.code, d.dose_date;
"""


def write_doses(patients_csv, doses_csv, as_of):
    """An injection every interval_days from start to stop or as-of (about 26 a patient-year), for a synth that
    writes no doses.csv of its own."""
    import datetime
    end = datetime.date.fromisoformat(as_of)
    with open(patients_csv, newline="", encoding="utf-8") as f, open(doses_csv, "w", newline="", encoding="utf-8") as out:
        out.write("site,patient_code,dose_date\r\n")
        for row in csv.DictReader(f):
            day = datetime.date.fromisoformat(row["start_date"])
            stop = min(datetime.date.fromisoformat(row["stop_date"]), end) if row["stop_date"] else end
            step = datetime.timedelta(days=int(row["interval_days"] or 14))
            lines = []
            while day <= stop:
                lines.append(f"{row['site']},{row['code']},{day.isoformat()}\r\n")
                day += step
            out.write("".join(lines))


def doses_file(data, as_of):
    path = os.path.join(data, "doses.csv")
    if not os.path.exists(path):
        write_doses(os.path.join(data, "patients.csv"), path, as_of)
    return path


def timed(cmd, **kwargs):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def python_loader(db_path, patients_csv, cases_csv):
    """The baseline a data manager would write: csv.reader + executemany into plain tables."""
    db = sqlite3.connect(db_path)
    for table, path in (("patients", patients_csv), ("cases", cases_csv)):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            db.execute(f"CREATE TABLE {table} ({', '.join(h + ' TEXT' for h in header)})")
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(header))})", reader)
    db.commit()
    db.close()


def peak_memory_mb(cmd, env):
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return kb / 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adreg", required=True)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    adreg = os.path.abspath(args.adreg)
    patients = 100_000 if args.quick else 1_000_000
    work = tempfile.mkdtemp(prefix="adreg-bench-")
    env = dict(os.environ, ADREG_USER="bench")
    as_of = "2026-01-01"
    rows = []

    def log(message):
        print(message, file=sys.stderr, flush=True)

    log(f"synthetic cohort of {patients:,} patients in {work}")
    data = os.path.join(work, "data")
    subprocess.run([adreg, "synth", "--patients", str(patients), "--seed", "7", "--out", data, "--as-of", as_of], check=True, env=env)
    pcsv, ccsv = os.path.join(data, "patients.csv"), os.path.join(data, "cases.csv")
    with open(ccsv, newline="", encoding="utf-8") as f:
        cases = sum(1 for _ in csv.reader(f)) - 1
    log(f"{cases:,} cases")

    adreg_times, shell_times, python_times, floor_times = [], [], [], []
    for i in range(args.repeat):
        db = os.path.join(work, f"adreg-{i}.sqlite")
        subprocess.run([adreg, "init", "--db", db, "--as-of", as_of], check=True, env=env, stdout=subprocess.DEVNULL)
        adreg_times.append(timed([adreg, "import", "patients", pcsv, "--db", db, "--as-of", as_of], env=env)
                           + timed([adreg, "import", "cases", ccsv, "--db", db, "--as-of", as_of], env=env))
        shell_db = os.path.join(work, f"shell-{i}.sqlite")
        shell_times.append(timed(["sqlite3", shell_db, ".mode csv", f".import {pcsv} patients", f".import {ccsv} cases"]))
        floor_db = os.path.join(work, f"floor-{i}.sqlite")
        subprocess.run([adreg, "init", "--db", floor_db, "--as-of", as_of], check=True, env=env, stdout=subprocess.DEVNULL)
        floor_times.append(timed(["sqlite3", floor_db], input=SCHEMA_FLOOR_SQL.format(patients=pcsv, cases=ccsv).encode()))
        py_db = os.path.join(work, f"python-{i}.sqlite")
        start = time.perf_counter()
        python_loader(py_db, pcsv, ccsv)
        python_times.append(time.perf_counter() - start)
        log(f"import round {i + 1}: adreg {adreg_times[-1]:.2f}s, sqlite3 .import {shell_times[-1]:.2f}s, "
            f"python {python_times[-1]:.2f}s, sqlite3 into adreg's schema {floor_times[-1]:.2f}s")
        if i > 0:
            for path in (shell_db, py_db, floor_db):
                os.remove(path)
    a, s, p, f = map(statistics.median, (adreg_times, shell_times, python_times, floor_times))
    rows.append(("import (patients + cases)", f"{a:.2f} s", f"sqlite3 .import {s:.2f} s", a / s, "≤ 1.5×", a / s <= 1.5))
    rows.append(("import vs Python loader", f"{a:.2f} s", f"python csv+executemany {p:.2f} s", a / p, "< 1×", a < p))
    rows.append(("  floor: sqlite3 into adreg's schema", f"{f:.2f} s", f"sqlite3 .import {s:.2f} s", f / s, "–", None))
    rows.append(("  import vs that floor", f"{a:.2f} s", f"floor {f:.2f} s", a / f, "–", None))

    registry = os.path.join(work, "adreg-0.sqlite")
    dcsv = doses_file(data, as_of)
    with open(dcsv, newline="", encoding="utf-8") as f:
        doses = sum(1 for _ in f) - 1
    log(f"{doses:,} doses")
    dose_times, dose_floor_times, dose_export_times, dose_sql_times = [], [], [], []
    for i in range(args.repeat):
        dose_db, dose_floor_db = os.path.join(work, "dose-adreg.sqlite"), os.path.join(work, "dose-floor.sqlite")
        for copy in (dose_db, dose_floor_db):
            shutil.copyfile(registry, copy)
        dose_times.append(timed([adreg, "import", "doses", dcsv, "--db", dose_db, "--as-of", as_of], env=env))
        dose_floor_times.append(timed(["sqlite3", dose_floor_db], input=DOSE_FLOOR_SQL.format(doses=dcsv).encode()))
        out = os.path.join(work, "doses-export.csv")
        dose_export_times.append(timed([adreg, "export", "doses", "--identified", "--db", dose_db, "--out", out, "--force", "--as-of", as_of], env=env))
        dose_sql_times.append(timed(["sqlite3", dose_floor_db], input=DOSE_EXPORT_SQL.format(out=out).encode()))
        log(f"dose round {i + 1}: import {dose_times[-1]:.2f}s, floor {dose_floor_times[-1]:.2f}s, "
            f"export {dose_export_times[-1]:.2f}s, sqlite3 {dose_sql_times[-1]:.2f}s")
        os.remove(dose_floor_db)
    a, f, e, q = map(statistics.median, (dose_times, dose_floor_times, dose_export_times, dose_sql_times))
    rows.append((f"import doses ({doses:,})", f"{a:.2f} s", f"floor: sqlite3 into adreg's schema {f:.2f} s", a / f, "≤ 1.0×", a / f <= 1.0))
    rows.append(("export doses --identified", f"{e:.2f} s", f"sqlite3 .mode csv, same rows {q:.2f} s", e / q, "–", None))
    dose_registry = os.path.join(work, "dose-adreg.sqlite")

    report_times, sql_times = [], []
    sql = (FREQUENCY_SQL + INCIDENCE_SQL).format(end=as_of, first_cases=FIRST_CASES)
    for _ in range(max(5, args.repeat)):
        report_times.append(timed([adreg, "report", "frequency", "--db", registry, "--as-of", as_of], env=env))
        sql_times.append(timed(["sqlite3", registry], input=sql.encode()))
    r, q = statistics.median(report_times), statistics.median(sql_times)
    rows.append(("report frequency", f"{r:.3f} s", f"sqlite3, equivalent SQL {q:.3f} s", r / q, "≤ 1.5×", r / q <= 1.5))
    rows.append(("report frequency, absolute", f"{r:.3f} s", "–", None, "< 0.5 s", r < 0.5))

    incidence_times, incidence_sql_times, contact_times = [], [], []
    sql = INCIDENCE_SQL.format(end=as_of, first_cases=FIRST_CASES)
    for _ in range(max(5, args.repeat)):
        incidence_times.append(timed([adreg, "report", "incidence", "--db", registry, "--as-of", as_of], env=env))
        incidence_sql_times.append(timed(["sqlite3", registry], input=sql.encode()))
        contact_times.append(timed([adreg, "report", "incidence", "--censor", "last-contact", "--db", registry, "--as-of", as_of], env=env))
    r, q, c = map(statistics.median, (incidence_times, incidence_sql_times, contact_times))
    rows.append(("report incidence", f"{r:.3f} s", f"sqlite3, its life tables in SQL {q:.3f} s", r / q, "< 1 s", r < 1))
    rows.append(("  with --censor last-contact", f"{c:.3f} s", "–", None, "–", None))

    codes = [row["code"] for row, _ in zip(csv.DictReader(open(pcsv, encoding="utf-8")), range(20))]
    sites = [row["site"] for row, _ in zip(csv.DictReader(open(pcsv, encoding="utf-8")), range(20))]
    record_times = []
    for code, site in zip(codes, sites):
        record_times.append(timed([adreg, "record", code, "--site", site, "--onset", as_of, "--category", "other",
                                   "--note", "benchmark", "--db", registry, "--as-of", as_of], env=env))
    m = statistics.median(record_times)
    rows.append(("one record process (median of 20)", f"{m * 1000:.1f} ms", "–", None, "< 50 ms", m < 0.05))

    memory = {}
    small = os.path.join(work, "quarter.sqlite")
    quarter = max(1, patients // 4)
    subprocess.run([adreg, "init", "--db", small, "--as-of", as_of], check=True, env=env, stdout=subprocess.DEVNULL)
    qdata = os.path.join(work, "quarter")
    subprocess.run([adreg, "synth", "--patients", str(quarter), "--seed", "7", "--out", qdata, "--as-of", as_of], check=True, env=env)
    for kind in ("patients", "cases"):
        subprocess.run([adreg, "import", kind, os.path.join(qdata, f"{kind}.csv"), "--db", small, "--as-of", as_of], check=True, env=env, stdout=subprocess.DEVNULL)
    subprocess.run([adreg, "import", "doses", doses_file(qdata, as_of), "--db", small, "--as-of", as_of], check=True, env=env, stdout=subprocess.DEVNULL)
    for label, db in ((f"{quarter:,}", small), (f"{patients:,}", registry)):
        memory[label] = peak_memory_mb([adreg, "export", "cases", "--db", db, "--out", os.path.join(work, "export.csv"), "--force", "--as-of", as_of], env)
    (l1, m1), (l2, m2) = memory.items()
    rows.append((f"export cases peak memory at {l2} patients", f"{m2:.1f} MB", f"at {l1}: {m1:.1f} MB", m2 / m1, "flat, < 64 MB", m2 < 64 and m2 / m1 < 1.5))
    memory = {}
    for label, db in ((f"{quarter:,}", small), (f"{patients:,}", dose_registry)):
        memory[label] = peak_memory_mb([adreg, "export", "doses", "--db", db, "--out", os.path.join(work, "export.csv"), "--force", "--as-of", as_of], env)
    (l1, m1), (l2, m2) = memory.items()
    rows.append((f"export doses peak memory at {l2} patients", f"{m2:.1f} MB", f"at {l1}: {m1:.1f} MB", m2 / m1, "flat, < 64 MB", m2 < 64 and m2 / m1 < 1.5))

    print()
    print(f"adreg benchmarks — {patients:,} patients, {cases:,} cases, {os.cpu_count()} cores; medians of {args.repeat} (imports) / 5 (reports) / 20 (records)")
    header = ("figure", "adreg", "baseline", "ratio", "target", "met")
    table = [header] + [(f, x, b, "–" if ratio is None else f"{ratio:.2f}×", t, "–" if met is None else "yes" if met else "NO")
                        for f, x, b, ratio, t, met in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
