"""Runs adreg and its baselines side by side and prints one table of medians and ratios (PRODUCT.md §9)."""
import argparse
import csv
import json
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

HERE = os.path.dirname(os.path.abspath(__file__))
# Benchmarks/floor.sql: the sqlite3 shell loading the same CSV files into adreg's own tables (PRODUCT.md §9).


def floor_script(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


FLOOR_SQL = floor_script("floor.sql")

AS_OF = "2026-01-01"
# The indexes an import into an empty registry builds at the end, as floor.sql does.
DEFERRED_INDEXES = ("patient_by_start", "patient_by_stop", "case_by_category", "patient_by_uuid", "case_by_uuid")


# The files imported after patients and cases, each beside its same-schema floor (Benchmarks/floor-FILE.sql): doses
# and visits into the registry just loaded, follow-ups into a copy of it without the follow-ups that cases.csv's state
# columns made, so that both loaders add every row of followups.csv.
CONTACT_FILES = ("doses", "visits", "followups")
CONTACT_FLOORS = {kind: floor_script(f"floor-{kind}.sql") for kind in CONTACT_FILES}
WITHOUT_FOLLOW_UPS = b"DELETE FROM follow_up_treatment; DELETE FROM follow_up; VACUUM;"

# `export doses --identified` in SQL, written by the sqlite3 shell.
DOSE_EXPORT_SQL = """.mode csv
.headers on
.once {out}
SELECT p.site, p.code AS patient_code, d.dose_date FROM patient p JOIN dose d ON d.patient_id = p.id
ORDER BY p.site, p.code, d.dose_date;
"""


def timed(cmd, **kwargs):
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kwargs)
    return time.perf_counter() - start


def measured(cmd, env):
    """Seconds and peak resident memory (MB, from /usr/bin/time -v) of one process, its output discarded."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v"] + cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stderr}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return seconds, kb / 1024


def python_plain(db_path, patients_csv, cases_csv):
    """The baseline a data manager would write: csv.reader + executemany into plain untyped tables."""
    db = sqlite3.connect(db_path)
    for table, path in (("patients", patients_csv), ("cases", cases_csv)):
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader)
            db.execute(f"CREATE TABLE {table} ({', '.join(h + ' TEXT' for h in header)})")
            db.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(header))})", reader)
    db.commit()
    db.close()


def python_same_schema(db_path, patients_csv, cases_csv):
    """csv + executemany into adreg's own tables (made by `adreg init`), the columns floor.sql fills, in one
    transaction with the same indexes built at the end; it checks nothing."""
    def optional(text, kind=str):
        return kind(text) if text != "" else None

    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA cache_size = -131072")
    db.execute("BEGIN IMMEDIATE")
    rebuild = [sql for (sql,) in db.execute(
        f"SELECT sql FROM sqlite_master WHERE type = 'index' AND name IN {DEFERRED_INDEXES}")]
    for name in DEFERRED_INDEXES:
        db.execute(f"DROP INDEX {name}")
    created = "2026-01-01T00:00:00Z"
    with open(patients_csv, newline="", encoding="utf-8") as f:
        db.executemany(
            "INSERT INTO patient (uuid, site, code, sex, birth_year, start_date, stop_date, stop_reason, regimen, "
            "interval_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r["uuid"], r["site"], r["code"], r["sex"], optional(r["birth_year"], int), r["start_date"],
              optional(r["stop_date"]), optional(r["stop_reason"]), r["regimen"], int(r["interval_days"]), created)
             for r in csv.DictReader(f)))
    ids = {(site, code): pid for site, code, pid in db.execute("SELECT site, code, id FROM patient")}
    with open(cases_csv, newline="", encoding="utf-8") as f:
        db.executemany(
            "INSERT INTO case_report (uuid, patient_id, category, onset_date, reported_date, source, scaling, severity, "
            "itch, description, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((r["uuid"], ids[(r["site"], r["patient_code"])], r["category"], r["onset_date"], r["reported_date"],
              r["source"], r["scaling"], optional(r["severity"]), optional(r["itch"], int), optional(r["description"]),
              created, "bench") for r in csv.DictReader(f)))
    for sql in rebuild:
        db.execute(sql)
    db.execute("COMMIT")
    db.close()


def median_of(n, *commands):
    """Medians of n interleaved timings of each command (a list, or a callable)."""
    times = [[] for _ in commands]
    for _ in range(n):
        for i, command in enumerate(commands):
            if callable(command):
                start = time.perf_counter()
                command()
                times[i].append(time.perf_counter() - start)
            else:
                times[i].append(timed(command[0], **command[1]))
    return [statistics.median(t) for t in times]


def load():
    return os.getloadavg()


def bench_size(adreg, patients, work, repeat, env, log):
    """One size: every figure of PRODUCT.md §9 as (figure, adreg, baseline, ratio, target, met), and per-patient costs."""
    rows, costs = [], {}
    data = os.path.join(work, f"data-{patients}")
    subprocess.run([adreg, "synth", "--patients", str(patients), "--seed", "7", "--out", data, "--as-of", AS_OF],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    pcsv, ccsv = os.path.join(data, "patients.csv"), os.path.join(data, "cases.csv")
    with open(ccsv, newline="", encoding="utf-8") as f:
        cases = sum(1 for _ in csv.reader(f)) - 1
    log(f"{patients:,} patients, {cases:,} cases")

    times = {k: [] for k in ("adreg", "floor", "python", "plain_python", "plain_shell")}
    import_memory = {"patients": 0.0, "cases": 0.0}
    registry = None
    for i in range(repeat):
        db = os.path.join(work, f"adreg-{patients}-{i}.sqlite")
        subprocess.run([adreg, "init", "--db", db, "--as-of", AS_OF], check=True, env=env, stdout=subprocess.DEVNULL)
        total = 0.0
        for kind, path in (("patients", pcsv), ("cases", ccsv)):
            seconds, mb = measured([adreg, "import", kind, path, "--db", db, "--as-of", AS_OF], env)
            total += seconds
            import_memory[kind] = max(import_memory[kind], mb)
        times["adreg"].append(total)
        floor_db = os.path.join(work, f"floor-{i}.sqlite")
        subprocess.run([adreg, "init", "--db", floor_db, "--as-of", AS_OF], check=True, env=env, stdout=subprocess.DEVNULL)
        times["floor"].append(timed(["sqlite3", floor_db], input=FLOOR_SQL.format(patients=pcsv, cases=ccsv).encode()))
        if i == 0:
            # The floor must leave a registry adreg accepts: a migration that changes what floor.sql touches fails here.
            subprocess.run([adreg, "check", "--db", floor_db, "--as-of", AS_OF], check=True, env=env,
                           stdout=subprocess.DEVNULL)
        py_db = os.path.join(work, f"python-{i}.sqlite")
        subprocess.run([adreg, "init", "--db", py_db, "--as-of", AS_OF], check=True, env=env, stdout=subprocess.DEVNULL)
        start = time.perf_counter()
        python_same_schema(py_db, pcsv, ccsv)
        times["python"].append(time.perf_counter() - start)
        plain_db = os.path.join(work, f"plain-python-{i}.sqlite")
        start = time.perf_counter()
        python_plain(plain_db, pcsv, ccsv)
        times["plain_python"].append(time.perf_counter() - start)
        shell_db = os.path.join(work, f"plain-shell-{i}.sqlite")
        times["plain_shell"].append(timed(["sqlite3", shell_db, ".mode csv", f".import {pcsv} patients",
                                           f".import {ccsv} cases"]))
        log(f"  import round {i + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()))
        for path in (floor_db, py_db, plain_db, shell_db):
            os.remove(path)
        if i == 0:
            registry = db
        else:
            os.remove(db)
    a, f, p, pp, ps = (statistics.median(times[k]) for k in times)
    rows.append(("import (patients + cases)", f"{a:.2f} s", f"same-schema floor {f:.2f} s", a / f, "≤ 1.0× (aim 0.75×)", a / f <= 1.0))
    rows.append(("  vs Python into the same schema", f"{a:.2f} s", f"python csv+executemany {p:.2f} s", a / p, "< 1×", a < p))
    rows.append(("  vs plain untyped tables", f"{a:.2f} s", f"sqlite3 .import {ps:.2f} s, python {pp:.2f} s", a / ps, "–", None))
    costs["import"] = a / patients
    costs["floor"] = f / patients

    # Doses, visits and follow-ups (PRODUCT.md §9, issue 16). Each round loads doses then visits into a fresh copy of
    # the registry just loaded, and follow-ups into a copy without the follow-ups cases.csv made: first the floors,
    # whose copy goes before adreg's is made (at 3,000,000 patients a copy with its doses takes some 10 GB), then adreg;
    # the dose export beside the same rows written by sqlite3.
    contact_db, floor_db = os.path.join(work, "contacts-adreg.sqlite"), os.path.join(work, "contacts-floor.sqlite")
    bare = os.path.join(work, "without-follow-ups.sqlite")
    shutil.copyfile(registry, bare)
    subprocess.run(["sqlite3", bare], input=WITHOUT_FOLLOW_UPS, check=True, stdout=subprocess.DEVNULL)
    contact_times = {kind: {"import": [], "floor": []} for kind in CONTACT_FILES}
    contact_memory = {kind: 0.0 for kind in CONTACT_FILES}
    paths = {kind: os.path.join(data, f"{kind}.csv") for kind in CONTACT_FILES}
    counts = {}
    for kind, path in paths.items():
        with open(path, newline="", encoding="utf-8") as f:
            counts[kind] = sum(1 for _ in csv.reader(f)) - 1
    export_times = {"export": [], "sql": []}
    out = os.path.join(work, "doses-export.csv")
    for i in range(repeat):
        for group, source in ((("doses", "visits"), registry), (("followups",), bare)):
            shutil.copyfile(source, floor_db)
            for kind in group:
                contact_times[kind]["floor"].append(
                    timed(["sqlite3", floor_db], input=CONTACT_FLOORS[kind].format(path=paths[kind]).encode()))
            if i == 0:
                # A floor must leave a registry adreg accepts: a migration that changes its table fails here.
                subprocess.run([adreg, "check", "--db", floor_db, "--as-of", AS_OF], check=True, env=env,
                               stdout=subprocess.DEVNULL)
            if "doses" in group:
                export_times["sql"].append(timed(["sqlite3", floor_db], input=DOSE_EXPORT_SQL.format(out=out).encode()))
            os.remove(floor_db)
            # The registry with doses and visits stays, for the dose export and its memory below.
            target = contact_db if "doses" in group else floor_db
            shutil.copyfile(source, target)
            for kind in group:
                seconds, mb = measured([adreg, "import", kind, paths[kind], "--db", target, "--as-of", AS_OF], env)
                contact_times[kind]["import"].append(seconds)
                contact_memory[kind] = max(contact_memory[kind], mb)
            if "doses" in group:
                export_times["export"].append(timed([adreg, "export", "doses", "--identified", "--db", contact_db,
                                                     "--out", out, "--force", "--as-of", AS_OF], env=env))
        os.remove(floor_db)
        log(f"  contact round {i + 1}: " + ", ".join(
            f"{kind} {t['import'][-1]:.2f}s (floor {t['floor'][-1]:.2f}s)" for kind, t in contact_times.items()))
    for path in (bare, out):
        os.remove(path)
    # Everything below reads the whole registry: patients, cases, their follow-ups, doses and visits. (Until session 7
    # the reports, check and share read the registry of patients and cases alone, which hid what doses cost them.)
    os.remove(registry)
    registry = contact_db
    for kind in CONTACT_FILES:
        ci, cf = (statistics.median(contact_times[kind][k]) for k in ("import", "floor"))
        rows.append((f"import {kind} ({counts[kind]:,})", f"{ci:.2f} s", f"same-schema floor {cf:.2f} s", ci / cf,
                     "≤ 1.0×", ci / cf <= 1.0))
        costs[f"import {kind}"] = ci / patients
        costs[f"  floor {kind}"] = cf / patients
    de, dq = (statistics.median(export_times[k]) for k in ("export", "sql"))
    rows.append(("export doses --identified", f"{de:.2f} s", f"sqlite3 .mode csv, same rows {dq:.2f} s", de / dq, "–",
                 None))
    costs["export doses --identified"] = de / patients

    end = dict(end=AS_OF, first_cases=FIRST_CASES)
    frequency_sql, incidence_sql = FREQUENCY_SQL.format(**end), INCIDENCE_SQL.format(**end)
    html = os.path.join(work, "report.html")
    reports = (
        ("report frequency", ["report", "frequency"], frequency_sql + incidence_sql, "equivalent SQL", 1.5, 0.5),
        ("report incidence", ["report", "incidence"], incidence_sql, "its life tables in SQL", None, 1.0),
        ("report html", ["report", "html", "--out", html, "--force"], frequency_sql + incidence_sql,
         "frequency + incidence SQL", None, 3.0),
    )
    for label, words, sql, what, ratio_target, limit in reports:
        r, q = median_of(max(5, repeat), ([adreg] + words + ["--db", registry, "--as-of", AS_OF], dict(env=env)),
                         (["sqlite3", registry], dict(input=sql.encode())))
        met = r < limit and (ratio_target is None or r / q <= ratio_target)
        target = (f"≤ {ratio_target}×, " if ratio_target else "") + f"< {limit} s"
        rows.append((label, f"{r:.3f} s", f"sqlite3, {what} {q:.3f} s", r / q, target, met))
        costs[label] = r / patients
    check, integrity = median_of(repeat, ([adreg, "check", "--db", registry, "--as-of", AS_OF], dict(env=env)),
                                 (["sqlite3", registry], dict(input=b"PRAGMA integrity_check; PRAGMA foreign_key_check;")))
    rows.append(("check", f"{check:.2f} s", f"sqlite3 integrity + foreign key check {integrity:.2f} s", check / integrity, "–", None))
    costs["check"] = check / patients

    # share, then pool of ten bundles of this size (PRODUCT.md §11): copies of the one bundle with each site renamed,
    # since the same site in two bundles is refused. Both must stay under their limits whatever the registry's size.
    bundle = os.path.join(work, "bundle.json")
    share_times = [timed([adreg, "share", "--out", bundle, "--force", "--db", registry, "--as-of", AS_OF], env=env)
                   for _ in range(max(3, repeat))]
    s = statistics.median(share_times)
    rows.append(("share", f"{s:.2f} s", "–", None, "< 2 s at 1,000,000", s < 2 if patients == 1_000_000 else None))
    costs["share"] = s / patients
    with open(bundle, encoding="utf-8") as f:
        shared = json.load(f)
    bundles = []
    for i in range(10):
        copy = dict(shared, sites=[dict(site, site=f"{site['site']}-{i}") for site in shared["sites"]])
        bundles.append(os.path.join(work, f"bundle-{i}.json"))
        with open(bundles[-1], "w", encoding="utf-8") as f:
            json.dump(copy, f)
    for report in ("frequency", "incidence"):
        pool_times = [timed([adreg, "pool", *bundles, "report", report], env=env)
                      for _ in range(max(3, repeat))]
        s = statistics.median(pool_times)
        rows.append((f"pool of ten bundles, report {report}", f"{s:.2f} s", "–", None, "< 1 s", s < 1))
    for path in bundles + [bundle]:
        os.remove(path)

    with open(pcsv, encoding="utf-8") as f:
        firsts = [(r["code"], r["site"]) for r, _ in zip(csv.DictReader(f), range(20))]
    record_times = [timed([adreg, "record", code, "--site", site, "--onset", AS_OF, "--category", "other",
                           "--note", "benchmark", "--db", registry, "--as-of", AS_OF], env=env) for code, site in firsts]
    m = statistics.median(record_times)
    rows.append(("one record process (median of 20)", f"{m * 1000:.1f} ms", "–", None, "< 50 ms", m < 0.05))

    memory = {f"import {kind}": (mb, 128) for kind, mb in import_memory.items()}
    memory.update({f"import {kind}": (mb, 128) for kind, mb in contact_memory.items()})
    out = os.path.join(work, "out.csv")
    seconds, mb = measured([adreg, "export", "doses", "--db", contact_db, "--out", out, "--force", "--as-of", AS_OF], env)
    memory["export doses"] = (mb, 64)
    runs = [("export cases", ["export", "cases", "--out", out, "--force"]),
            ("export patients --identified", ["export", "patients", "--identified", "--out", out, "--force"])]
    for fmt in ("table", "csv", "json"):
        runs += [(f"patient list --format {fmt}", ["patient", "list", "--format", fmt]),
                 (f"case list --format {fmt}", ["case", "list", "--format", fmt]),
                 (f"audit --format {fmt}", ["audit", "--format", fmt])]
    for label, words in runs:
        seconds, mb = measured([adreg] + words + ["--db", registry, "--as-of", AS_OF], env)
        memory[label] = (mb, 64)
        if label in ("export cases", "patient list --format csv", "case list --format csv"):
            costs[label] = seconds / patients
    for label, (mb, limit) in memory.items():
        rows.append((f"peak memory: {label}", f"{mb:.1f} MB", "–", None, f"< {limit} MB", mb < limit))
    os.remove(registry)
    shutil.rmtree(data)
    return rows, costs, memory, cases


def print_table(title, header, table):
    print()
    print(title)
    table = [header] + table
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adreg", required=True)
    parser.add_argument("--quick", action="store_true", help="100,000 patients only")
    parser.add_argument("--sizes", default="100000,1000000", help="patients per cohort, comma-separated")
    parser.add_argument("--work", help="where the cohorts and registries go (default: the system's temporary folder)")
    parser.add_argument("--repeat", type=int,
                        help="rounds of each measurement (default: 3 up to 1,000,000 patients, 1 above)")
    args = parser.parse_args()
    adreg = os.path.abspath(args.adreg)
    sizes = [100_000] if args.quick else [int(s) for s in args.sizes.split(",")]
    work = tempfile.mkdtemp(prefix="adreg-bench-", dir=args.work)
    env = dict(os.environ, ADREG_USER="bench")

    def log(message):
        print(message, file=sys.stderr, flush=True)

    started = load()
    results, loads, repeats = {}, {}, {}
    try:
        for patients in sizes:
            repeats[patients] = args.repeat or (3 if patients <= 1_000_000 else 1)
            before = load()
            results[patients] = bench_size(adreg, patients, work, repeats[patients], env, log)
            loads[patients] = (before[0], load()[0])
            # Each size's table as soon as it is measured: a long run stopped later still leaves the sizes done.
            rows, _, _, cases = results[patients]
            table = [(f, x, b, "–" if r is None else f"{r:.2f}×", t, "–" if met is None else "yes" if met else "NO")
                     for f, x, b, r, t, met in rows]
            n = repeats[patients]
            print_table(f"{patients:,} patients, {cases:,} cases; load average {loads[patients][0]:.2f} before, "
                        f"{loads[patients][1]:.2f} after; medians of {n} (imports, check) / {max(5, n)} (reports) / "
                        f"20 (records)", ("figure", "adreg", "baseline", "ratio", "target", "met"), table)
            sys.stdout.flush()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ended = load()
    print(f"\nadreg benchmarks on {os.cpu_count()} cores; load average {started[0]:.2f} at the start, {ended[0]:.2f} at the end")
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        table = []
        for label in results[first][1]:
            per = [results[n][1][label] * 1e6 for n in sizes]
            growth = per[-1] / per[0]
            table.append([label] + [f"{c:.2f} µs" for c in per] + [f"{growth:.2f}×", "yes" if growth <= 1.3 else "NO"])
        print_table(f"cost per patient, {first:,} to {last:,} patients (target: within 1.3×)",
                    ["figure"] + [f"{n:,}" for n in sizes] + ["growth", "met"], table)
        table = []
        for label, (_, limit) in results[first][2].items():
            mbs = [results[n][2][label][0] for n in sizes]
            growth = mbs[-1] / mbs[0]
            table.append([label] + [f"{mb:.1f} MB" for mb in mbs]
                         + [f"{growth:.2f}×", "yes" if max(mbs) < limit and growth < 1.5 else "NO"])
        print_table(f"peak memory, {first:,} to {last:,} patients (target: flat, under 64 MB; import under 128 MB)",
                    ["process"] + [f"{n:,}" for n in sizes] + ["growth", "met"], table)


if __name__ == "__main__":
    main()
