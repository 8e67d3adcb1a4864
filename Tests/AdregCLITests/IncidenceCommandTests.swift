import Foundation
import Testing

/// `report incidence` and the time-matched figures of `report frequency`, on a cohort small enough to work by hand.
@Suite("report incidence")
struct IncidenceCommandTests {
  /// 16 patients as of 2025-12-31 (every command runs with that as-of):
  /// - A1…A10 start 2025-01-01, still treated: end day 364;
  /// - B1…B4 start 2025-07-01: end day 183;
  /// - C1 starts 2025-01-01 and stops 2025-02-28 (end day 58), with a facial redness on 2025-03-15, after the stop:
  ///   off treatment, not an event; C2 stops 2025-01-29 (end day 28, the day of two events).
  /// Facial redness, first onsets: A1 and A2 on day 28 (2025-01-29), B1 on day 31 (2025-08-01), A3 on day 59
  /// (2025-03-01), A4 on day 151 (2025-06-01; a second episode later changes nothing); A5's case is withdrawn.
  /// Visits on 2025-12-31 for A5…A9 and B2…B4; A10 was last seen on 2025-02-15 (day 45): lost to follow-up.
  ///
  /// Kaplan–Meier by hand: day 28: 2 events of 16 at risk (C2, censored that day, still counts at risk);
  /// day 31: 1 of 13; day 59: 1 of 11 (B1 and C1 gone); day 151: 1 of 10.
  /// Ŝ(28) = 14/16 = 0.875; Ŝ(112) = 0.875·12/13·10/11 = 0.734265…; Ŝ(364) = Ŝ(112)·9/10 = 0.660839….
  /// At risk (t ≥ h): 16 at day 28; 10 at day 112 (A4, B2…B4, A5…A10); 6 at day 364.
  func designed() throws -> Harness {
    let h = try Harness()
    h.asOf = "2025-12-31"
    h.now = Date(timeIntervalSince1970: 1_767_182_400)  // 2025-12-31T12:00:00Z: a write may not be after today
    var steps: [[String]] = [["init"]]
    for i in 1...10 { steps.append(["patient", "add", "A\(i)", "--start", "2025-01-01"]) }
    for i in 1...4 { steps.append(["patient", "add", "B\(i)", "--start", "2025-07-01"]) }
    steps += [
      ["patient", "add", "C1", "--start", "2025-01-01"], ["patient", "stop", "C1", "--date", "2025-02-28"],
      ["patient", "add", "C2", "--start", "2025-01-01"], ["patient", "stop", "C2", "--date", "2025-01-29"],
      ["visit", "add", "C2", "--date", "2025-01-29"],
    ]
    for (code, onset) in [
      ("A1", "2025-01-29"), ("A2", "2025-01-29"), ("B1", "2025-08-01"), ("A3", "2025-03-01"), ("A4", "2025-06-01"),
      ("A4", "2025-09-01"), ("C1", "2025-03-15"), ("A5", "2025-02-01"),
    ] {
      steps.append(["record", code, "--onset", onset, "--reported", onset, "--category", "facial-redness"])
    }
    steps.append(["case", "withdraw", "8", "--reason", "entered for the wrong patient"])
    for code in ["A5", "A6", "A7", "A8", "A9", "B2", "B3", "B4"] {
      steps.append(["visit", "add", code, "--date", "2025-12-31", "--note", "seen, no new reaction"])
    }
    steps.append(["visit", "add", "A10", "--date", "2025-02-15"])
    for step in steps {
      let result = h.run(step)
      #expect(result.status == 0, "\(step): \(result.error)")
    }
    return h
  }

  func rows(_ h: Harness, _ words: String...) throws -> [[String: Any]] {
    let json = try #require(try h.json(h.run(["report", "incidence", "--format", "json"] + words)) as? [String: Any])
    return try #require(json["rows"] as? [[String: Any]])
  }

  func horizon(_ row: [String: Any], weeks: Int) throws -> [String: Any] {
    try #require((row["horizons"] as? [[String: Any]])?.first { $0["weeks"] as? Int == weeks })
  }

  func close(_ value: Any?, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let value = value as? Double else { return false }
    return abs(value - expected) <= tolerance * max(1, abs(expected))
  }

  @Test("Kaplan–Meier cumulative incidence, log(−log) CIs and at-risk counts of a designed cohort, as R's survfit")
  func designedCohort() throws {
    let h = try designed()
    let result = h.run("report", "incidence", "--format", "json")
    let json = try #require(try h.json(result) as? [String: Any])
    #expect(Set(json.keys) == ["report", "as_of", "censor", "level", "cohort", "rows", "manifest"])
    #expect(json["report"] as? String == "incidence" && json["censor"] as? String == "as-of")
    #expect((json["cohort"] as? [String: Any])?["patients"] as? Int == 16)
    let rows = try #require(json["rows"] as? [[String: Any]])
    #expect(rows.last?["category"] as? String == "any")
    let redness = try #require(rows.first { $0["category"] as? String == "facial-redness" })
    #expect(Set(redness.keys) == ["category", "events", "horizons", "weibull_cohort", "references"])
    #expect(redness["events"] as? Int == 5, "A1, A2, A3, A4, B1; not C1 (after the stop) nor A5 (withdrawn)")
    // Default horizons 4, 16, 52, 104 plus the 52 of Jang et al.: each once, ascending.
    #expect((redness["horizons"] as? [[String: Any]])?.compactMap { $0["weeks"] as? Int } == [4, 16, 52, 104])
    // R: summary(survfit(Surv(t, ev) ~ 1, conf.type = "log-log"), times = c(28, 112, 364)) with
    // t = c(28, 28, 59, 151, rep(364, 6), 31, rep(183, 3), 58, 28), ev = c(1, 1, 1, 1, rep(0, 6), 1, rep(0, 3), 0, 0);
    // percent = 100·(1 − surv), ci_low = 100·(1 − upper), ci_high = 100·(1 − lower).
    let week4 = try horizon(redness, weeks: 4)
    #expect(week4["day"] as? Int == 28 && week4["at_risk"] as? Int == 16)
    #expect(close(week4["cumulative_incidence_percent"], 12.5))
    #expect(close(week4["ci_low"], 3.2811153970876417, 1e-9))
    #expect(close(week4["ci_high"], 41.401856319098442, 1e-9))
    let week16 = try horizon(redness, weeks: 16)
    #expect(week16["at_risk"] as? Int == 10)
    #expect(close(week16["cumulative_incidence_percent"], 100 * (1 - 0.875 * 12 / 13 * 10 / 11)))
    #expect(close(week16["cumulative_incidence_percent"], 26.573426573426573))
    #expect(close(week16["ci_low"], 10.825141512660441, 1e-9))
    #expect(close(week16["ci_high"], 56.514996133153353, 1e-9))
    let week52 = try horizon(redness, weeks: 52)
    #expect(week52["at_risk"] as? Int == 6)
    #expect(close(week52["cumulative_incidence_percent"], 33.91608391608392))
    #expect(close(week52["ci_low"], 15.614583312048291, 1e-9))
    #expect(close(week52["ci_high"], 63.604995750899654, 1e-9))
    // Nobody reached day 728: null, never NaN.
    let week104 = try horizon(redness, weeks: 104)
    #expect(week104["at_risk"] as? Int == 0 && week104["cumulative_incidence_percent"] is NSNull && week104["ci_low"] is NSNull)
    // R: w <- survreg(Surv(t + 1, ev) ~ 1, dist = "weibull"); 1/w$scale, its CI from
    // sqrt(vcov(w)["Log(scale)", "Log(scale)"]), exp(coef(w)).
    let weibull = try #require(redness["weibull_cohort"] as? [String: Any])
    #expect(close(weibull["shape"], 0.64904673524118994, 1e-6))
    #expect(close(weibull["shape_ci_low"], 0.29636377153737264, 1e-6))
    #expect(close(weibull["shape_ci_high"], 1.4214344160285615, 1e-6))
    #expect(close(weibull["scale"], 1044.2427431729902, 1e-6))
    #expect(weibull["pattern"] as? String == "random", "the CI spans 1")
    // Jang et al. (52 weeks, 99 patients): only 6 followed that long.
    let jang = try #require((redness["references"] as? [[String: Any]])?.first { ($0["source"] as? String)?.hasPrefix("Jang") == true })
    #expect(jang["comparison"] as? String == "time-matched" && jang["at_risk"] as? Int == 6)
    #expect(jang["verdict"] as? String == "insufficient-follow-up" && jang["p_value"] is NSNull)
    #expect(close(jang["registry_percent"], 33.91608391608392))
    // Categories with a reference but no case come with zero events and the zero-event bound:
    // 1 − 0.025^(1/16) at day 28 (everybody at risk).
    let injection = try #require(rows.first { $0["category"] as? String == "injection-site" })
    #expect(injection["events"] as? Int == 0 && injection["weibull_cohort"] is NSNull)
    let injection4 = try horizon(injection, weeks: 4)
    #expect(injection4["cumulative_incidence_percent"] as? Double == 0 && injection4["ci_low"] as? Double == 0)
    #expect(close(injection4["ci_high"], 100 * (1 - pow(0.025, 1.0 / 16))))
  }

  @Test("a reference with its arm size gets the two-sample comparison, one without the one-sample test")
  func comparisons() throws {
    let h = try designed()
    let file = h.path("refs.csv")
    try """
      source,population,arm,category,percent_low,percent_high,patients,events,weeks,design,verified,citation,provenance
      Trial A,adults,dupilumab,facial-redness,10,10,200,20,16,rct,true,test,a designed two-sample reference
      Cohort B,adults,dupilumab,facial-redness,10,10,,,16,cohort,true,test,a designed one-sample reference

      """.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(h.run("reference", "import", file).status == 0)
    let redness = try #require(try rows(h).first { $0["category"] as? String == "facial-redness" })
    let references = try #require(redness["references"] as? [[String: Any]])
    let a = try #require(references.first { $0["source"] as? String == "Trial A" })
    // F = 0.265734…, V = std.err² = 0.11476584449887949² (R, above); d = F − 0.10,
    // SE = sqrt(V + 0.1·0.9/200); R: 100·(d ± qnorm(0.975)·SE), 2·pnorm(−|d|/SE).
    #expect(a["comparison"] as? String == "time-matched" && a["at_risk"] as? Int == 10)
    #expect(close(a["difference"], 16.573426573426573))
    #expect(close(a["difference_ci_low"], -6.3012920676999373, 1e-8))
    #expect(close(a["difference_ci_high"], 39.44814521455308, 1e-8))
    #expect(close(a["p_value"], 0.15559217097613243, 1e-7))
    #expect(a["verdict"] as? String == "consistent", "the difference's CI spans 0")
    let b = try #require(references.first { $0["source"] as? String == "Cohort B" })
    // One-sample: R: 2·pnorm(−|F − 0.1|/sqrt(V)); the verdict compares the registry CI (10.83–56.51) with 10%.
    #expect(close(b["p_value"], 0.14870861875978117, 1e-7))
    #expect(b["difference"] is NSNull)
    #expect(b["verdict"] as? String == "above", "registry_ci_low 10.83 > percent_high 10")

    // The frequency report compares the same references time-matched, whatever its window.
    let frequency = try #require(try h.json(h.run("report", "frequency", "--from", "2025-06-01", "--format", "json")) as? [String: Any])
    let frequencyRedness = try #require((frequency["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "facial-redness" })
    let sameA = try #require((frequencyRedness["references"] as? [[String: Any]])?.first { $0["source"] as? String == "Trial A" })
    #expect(close(sameA["registry_percent"], 26.573426573426573))
    #expect(close(sameA["p_value"], 0.15559217097613243, 1e-7))
    let table = h.run("report", "frequency", "--from", "2025-06-01")
    #expect(table.flowing.contains("--from/--to do not apply to it"), "\(table.output)")
    #expect(table.output.contains("time-matched, day 112: 26.6% (10.8–56.5), 10 at risk"), "\(table.output)")
  }

  @Test("first-event rate: first onsets on treatment over the days at risk until them")
  func firstEventRate() throws {
    let h = try designed()
    let json = try #require(try h.json(h.run("report", "frequency", "--format", "json")) as? [String: Any])
    let redness = try #require((json["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "facial-redness" })
    // A1, A2, A3, A4, B1 (C1's case is after its stop, A5's withdrawn).
    #expect(redness["first_event_patients"] as? Int == 5)
    // Days at risk, start to first onset inclusive, else to stop or as-of: A1, A2 29 each; A3 60; A4 152;
    // A5…A10 365 each; B1 32; B2…B4 184 each; C1 59 (its case came after the stop); C2 29.
    // 29 + 29 + 60 + 152 + 6·365 + 32 + 3·184 + 59 + 29 = 3132.
    #expect(close(redness["first_event_years"], 3132 / 365.25))
    // R: T <- 3132/365.25; 100*5/T; 100*qchisq(0.025, 10)/2/T; 100*qchisq(0.975, 12)/2/T.
    #expect(close(redness["first_event_rate_per_100py"], 58.309386973180075))
    #expect(close(redness["first_event_rate_ci_low"], 18.932899233421239, 1e-8))
    #expect(close(redness["first_event_rate_ci_high"], 136.07465810895926, 1e-8))
    // Every episode counts in the episode rate, over all 4474 days of exposure (3650 + 736 + 59 + 29), including
    // C1's case after its stop (onset in the window, patient in the cohort): 7 episodes.
    #expect(redness["episodes"] as? Int == 7)
    #expect(close(redness["rate_per_100py"], 100 * 7 / (4474 / 365.25)))
    // From 2025-02-01: A1 and A2 had their first onset before the window and count neither as events nor at risk;
    // C2 stopped before it. At risk: A3 29 (Feb 1–Mar 1), A4 121 (Feb 1–Jun 1), A5…A10 334 each, B1 32,
    // B2…B4 184 each, C1 28 (Feb 1–28): 29 + 121 + 2004 + 32 + 552 + 28 = 2766.
    let later = try #require(try h.json(h.run("report", "frequency", "--from", "2025-02-01", "--format", "json")) as? [String: Any])
    let laterRedness = try #require((later["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "facial-redness" })
    #expect(laterRedness["first_event_patients"] as? Int == 3)
    #expect(close(laterRedness["first_event_years"], 2766 / 365.25))
  }

  @Test("--censor last-contact ends a patient lost to follow-up at the last visit, and changes the estimate")
  func lastContact() throws {
    let h = try designed()
    let asOf = try #require(try rows(h).first { $0["category"] as? String == "facial-redness" })
    let lost = try #require(try rows(h, "--censor", "last-contact").first { $0["category"] as? String == "facial-redness" })
    // A10, last seen on day 45, leaves the risk set there: day 59: 1 of 10, day 151: 1 of 9.
    // R: as above with t[10] = 45: 100·(1 − surv) at 112 = 100·(1 − 0.875·12/13·9/10).
    let week16 = try horizon(lost, weeks: 16)
    #expect(close(week16["cumulative_incidence_percent"], 27.307692307692299))
    #expect(close(week16["ci_low"], 11.076582071072028, 1e-9))
    #expect(close(week16["ci_high"], 57.956815159760922, 1e-9))
    #expect(week16["at_risk"] as? Int == 9)
    #expect(try horizon(asOf, weeks: 16)["at_risk"] as? Int == 10)
    let table = h.run("report", "incidence", "--censor", "last-contact")
    #expect(table.flowing.contains("follow-up ends at the stop date or the last contact by 2025-12-31"))
    // Without any contact after the start a patient ends on day 0: a registry that logs nothing but enrolment
    // has nobody at risk after day 0.
    let bare = try Harness()
    bare.asOf = "2025-12-31"
    bare.now = Date(timeIntervalSince1970: 1_767_182_400)
    #expect(bare.run("init").status == 0)
    #expect(bare.run("patient", "add", "Z1", "--start", "2025-01-01").status == 0)
    let zero = try #require(try rows(bare, "--censor", "last-contact").last)
    #expect(try horizon(zero, weeks: 4)["at_risk"] as? Int == 0)
    #expect(try horizon(try #require(try rows(bare).last), weeks: 4)["at_risk"] as? Int == 1)
  }

  @Test("the table is readable in 100 columns and the CSV has one line per category and horizon")
  func tableAndCSV() throws {
    let h = try designed()
    let table = h.run("report", "incidence")
    #expect(table.status == 0)
    #expect(table.flowing.contains("Cohort: 16 patients who started by 2025-12-31"))
    #expect(table.flowing.contains("Time counts from each patient's start (day 0), not by calendar."))
    #expect(table.output.contains("insufficient-follow-up"))
    for line in (table.output + h.run("report", "frequency").output).split(separator: "\n") {
      #expect(line.count <= 100, "\(line)")
    }
    let csv = h.run("report", "incidence", "--format", "csv").output.split(separator: "\r\n")
    #expect(csv.first?.hasPrefix("category,events,weeks,day,cumulative_incidence_percent,ci_low,ci_high,at_risk,weibull_shape") == true)
    #expect(csv.contains { $0.hasPrefix("facial-redness,5,16,112,26.5734265734265") })
  }

  @Test("bad horizons, censor rules and calendar options are usage errors that say what is accepted")
  func badInput() throws {
    let h = try designed()
    for (words, says) in [
      (["--weeks", "0"], "'0' is not a whole number of weeks from 1 to 1000"),
      (["--weeks", "abc"], "'abc' is not a whole number of weeks"),
      (["--weeks", "16,16"], "16 is given twice"),
      (["--weeks", "4,,16"], "'' is not a whole number"),
      (["--censor", "other"], "use one of as-of, last-contact"),
      (["--from", "2025-01-01"], "'--from' does not apply here: time on treatment counts from each patient's start"),
      (["--to", "2025-01-01"], "'--to' does not apply here"),
    ] {
      let result = h.run(["report", "incidence"] + words)
      #expect(result.status == 64, "\(words)")
      #expect(result.error.contains(says), "\(words): \(result.error)")
      #expect(result.output.isEmpty)
    }
    #expect(h.run("report", "incidence", "--level", "2").status == 65)
    let help = h.run("report", "incidence", "--help")
    #expect(help.output.contains("--censor <rule>") && help.output.contains("(values: as-of,"))
  }

  @Test("an empty registry explains itself, and the JSON has nulls, never NaN")
  func empty() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    let table = h.run("report", "incidence")
    #expect(table.status == 0 && table.output.contains("No patient had started treatment by 2025-06-30"))
    let json = h.run("report", "incidence", "--format", "json")
    #expect(json.status == 0)
    #expect(json.output.range(of: #"[:\[,]-?(nan|NaN|inf|Infinity)"#, options: .regularExpression) == nil)
    let rows = try #require((try h.json(json) as? [String: Any])?["rows"] as? [[String: Any]])
    let any = try #require(rows.last)
    #expect(any["category"] as? String == "any" && any["events"] as? Int == 0)
    #expect(try horizon(any, weeks: 16)["cumulative_incidence_percent"] is NSNull)
  }

  @Test("visit add is validated, audited and refuses a second visit on one day")
  func visits() throws {
    let h = try designed()
    let before = try h.dump()
    for (words, says) in [
      (["visit", "add", "A1", "--date", "2024-12-31"], "before the treatment start"),
      (["visit", "add", "A1", "--date", "2026-01-01"], "in the future"),
      (["visit", "add", "A5", "--date", "2025-12-31"], "already logged"),
      (["visit", "add", "A1", "--date", "03/04/2025"], "date"),
      (["visit", "add", "NOPE", "--date", "2025-03-01"], "NOPE"),
      (["visit", "add", "A1", "--date", "2025-03-01", "--note", "bad\u{1B}[2J"], "note"),
    ] {
      let result = h.run(words)
      #expect(result.status == 65, "\(words): \(result.error)")
      #expect(result.errorLines.count == 1 && result.error.contains(says), "\(words): \(result.error)")
    }
    #expect(try h.dump() == before, "nothing written")
    #expect(h.run("visit", "add", "A1", "--date", "2025-03-02", "--note", "checked the face").status == 0)
    let audit = try #require(try h.json(h.run("audit", "--patient", "A1", "--format", "json")) as? [[String: Any]])
    let entry = try #require(audit.first)
    #expect(entry["action"] as? String == "visit.add")
    #expect(entry["changes"] as? [String] == ["visit: ∅ → 2025-03-02", "note: ∅ → checked the face"])
    let shown = try #require(try h.json(h.run("patient", "show", "A1", "--format", "json")) as? [String: Any])
    let visits = try #require(shown["visits"] as? [[String: Any]])
    #expect(visits.count == 1 && visits[0]["date"] as? String == "2025-03-02" && visits[0]["note"] as? String == "checked the face")
    #expect(h.run("patient", "show", "A10").output.contains("visits logged: 1 (2025-02-15)"))
  }
}
