import Foundation
import Testing

@Suite("report commands")
struct ReportCommandTests {
  /// 4 patients from 2025-01-01 (181 days each to 2025-06-30); facial redness in 1, a withdrawn case in another.
  func small() throws -> Harness {
    let h = try Harness()
    var steps: [[String]] = [["init"]]
    for code in ["P1", "P2", "P3", "P4"] { steps.append(["patient", "add", code, "--start", "2025-01-01"]) }
    steps += [
      ["record", "P1", "--onset", "2025-02-01", "--category", "facial-redness", "--scaling", "absent"],
      ["record", "P2", "--onset", "2025-02-01", "--category", "facial-redness"],
      ["case", "withdraw", "2", "--reason", "wrong patient"],
    ]
    for step in steps { #expect(h.run(step).status == 0, "\(step)") }
    return h
  }

  @Test("frequency JSON has exactly the keys PRODUCT.md §6 and §10 (manifest) name, values unrounded")
  func frequencyJSON() throws {
    let h = try small()
    let result = h.run("report", "frequency", "--format", "json")
    #expect(result.status == 0, "\(result.error)")
    let json = try #require(try h.json(result) as? [String: Any])
    #expect(Set(json.keys) == ["report", "as_of", "window", "level", "ci_method", "cohort", "rows", "manifest"])
    #expect(json["report"] as? String == "frequency")
    #expect(json["as_of"] as? String == "2025-06-30")
    #expect(json["ci_method"] as? String == "wilson")
    #expect(json["level"] as? Double == 0.95)
    let cohort = try #require(json["cohort"] as? [String: Any])
    #expect(cohort["patients"] as? Int == 4)
    #expect(cohort["patient_years"] as? Double == 4.0 * 181 / 365.25)
    let rows = try #require(json["rows"] as? [[String: Any]])
    let redness = try #require(rows.first { $0["category"] as? String == "facial-redness" })
    #expect(Set(redness.keys) == [
      "category", "patients_with_reaction", "patients", "percent", "ci_low", "ci_high", "episodes", "rate_per_100py",
      "rate_ci_low", "rate_ci_high", "first_event_patients", "first_event_years", "first_event_rate_per_100py",
      "first_event_rate_ci_low", "first_event_rate_ci_high", "references",
    ])
    #expect(redness["patients_with_reaction"] as? Int == 1)
    #expect(redness["percent"] as? Double == 25)
    // Wilson for 1 of 4 at z = 1.959963984540054: (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n), in percent.
    let low = try #require(redness["ci_low"] as? Double)
    #expect(abs(low - 4.558726080970057) < 1e-9)
    let references = try #require(redness["references"] as? [[String: Any]])
    let soria = try #require(references.first { ($0["source"] as? String)?.hasPrefix("Soria") == true })
    #expect(Set(soria.keys) == [
      "source", "arm", "percent_low", "percent_high", "patients", "events", "weeks", "design", "verified", "provenance",
      "comparison", "registry_percent", "registry_ci_low", "registry_ci_high", "at_risk", "difference",
      "difference_ci_low", "difference_ci_high", "p_value", "verdict",
    ])
    #expect(soria["percent_low"] as? Double == 4.2)
    #expect(soria["comparison"] as? String == "crude" && soria["design"] as? String == "cohort")
    #expect(soria["verified"] as? Bool == true && soria["events"] as? Int == 42 && soria["patients"] as? Int == 1000)
    // Two-sample against 4.2% of 1000. R: p <- 0.25; se <- sqrt(p*(1-p)/4 + 0.042*0.958/1000); d <- p - 0.042;
    // 2*pnorm(-abs(d)/se) and d - qnorm(0.975)*se.
    let p = try #require(soria["p_value"] as? Double)
    #expect(abs(p - 0.33690485814090576) < 1e-9)
    #expect(abs(try #require(soria["difference"] as? Double) - 20.8) < 1e-9)
    #expect(abs(try #require(soria["difference_ci_low"] as? Double) - -21.652673314780366) < 1e-7)
    let sanctuary = try #require(references.first { ($0["source"] as? String) == "SANCTUARY" })
    #expect(sanctuary["verdict"] as? String == "unverified-reference" && sanctuary["p_value"] is NSNull)
    // Asked for, the unverified 7% without an arm size gets the one-sample exact test of 1 of 4:
    // R: binom.test(1, 4, 0.07)$p.value.
    let all = try #require(try h.json(h.run("report", "frequency", "--format", "json", "--include-unverified")) as? [String: Any])
    let allRedness = try #require((all["rows"] as? [[String: Any]])?.first { $0["category"] as? String == "facial-redness" })
    let asked = try #require((allRedness["references"] as? [[String: Any]])?.first { ($0["source"] as? String) == "SANCTUARY" })
    #expect(abs(try #require(asked["p_value"] as? Double) - 0.25194799000000001) < 1e-12)
    #expect(asked["verdict"] as? String == "consistent")
    let pooled = try #require(references.first { ($0["source"] as? String)?.hasPrefix("Pooled") == true })
    #expect(pooled["percent_low"] is NSNull, "'up to 10%' has no lower bound")
  }

  @Test("the table shows the observed percent, CI, references with provenance; CSV has a header row")
  func tableAndCSV() throws {
    let h = try small()
    let table = h.run("report", "frequency")
    #expect(table.output.contains("Cohort: 4 patients, 1.98 patient-years"))
    #expect(table.output.contains("facial-redness"))
    #expect(table.output.contains("1/4"))
    #expect(table.flowing.contains("provenance: As stated in the source article only. No dupilumab trial named SANCTUARY was found"))
    #expect(table.flowing.contains("First events: patients whose first case began in the window on treatment"))
    let csv = h.run("report", "frequency", "--format", "csv")
    let lines = csv.output.split(separator: "\r\n")
    #expect(lines.first == "category,patients_with_reaction,patients,percent,ci_low,ci_high,episodes,rate_per_100py,rate_ci_low,rate_ci_high,first_event_patients,first_event_years,first_event_rate_per_100py,first_event_rate_ci_low,first_event_rate_ci_high,reference_source,reference_arm,reference_percent_low,reference_percent_high,reference_patients,reference_events,reference_weeks,reference_design,reference_verified,reference_provenance,reference_comparison,reference_registry_percent,reference_registry_ci_low,reference_registry_ci_high,reference_at_risk,reference_difference,reference_difference_ci_low,reference_difference_ci_high,reference_p_value,reference_verdict")
    #expect(lines.contains { $0.hasPrefix("facial-redness,1,4,25.0,") })
  }

  @Test("an empty registry explains itself, and JSON carries nulls, never NaN")
  func empty() throws {
    let h = try Harness()
    #expect(h.run("init").status == 0)
    for kind in ["frequency", "onset", "risk"] {
      let table = h.run("report", kind)
      #expect(table.status == 0)
      #expect(table.output.contains("No patient is in the cohort"), "\(kind): \(table.output)")
      let json = h.run("report", kind, "--format", "json")
      let nonFinite = json.output.range(of: #"[:\[,]-?(nan|NaN|inf|Infinity)"#, options: .regularExpression)
      #expect(nonFinite == nil, "\(kind): \(json.output)")
      #expect(try h.json(json) is [String: Any])
    }
  }

  @Test("report options are checked: level, ci method, dates")
  func options() throws {
    let h = try small()
    #expect(h.run("report", "frequency", "--level", "95").status == 65)
    #expect(h.run("report", "frequency", "--ci", "bayes").status == 65)
    #expect(h.run("report", "frequency", "--from", "2025-13-01").status == 65)
    let exact = try #require(try h.json(h.run("report", "frequency", "--ci", "exact", "--format", "json")) as? [String: Any])
    #expect(exact["ci_method"] as? String == "exact")
  }

  @Test("onset and risk JSON name their fields as PRODUCT.md §6 does")
  func onsetAndRisk() throws {
    let h = try small()
    let onset = try #require(try h.json(h.run("report", "onset", "--format", "json")) as? [String: Any])
    let row = try #require((onset["rows"] as? [[String: Any]])?.first)
    for key in ["episodes", "median_days", "q1_days", "q3_days", "min_days", "max_days", "within_16_weeks_percent", "histogram", "weibull"] {
      #expect(row[key] != nil, "\(key)")
    }
    #expect(row["median_days"] as? Double == 31)
    let risk = try #require(try h.json(h.run("report", "risk", "--format", "json")) as? [String: Any])
    let riskRow = try #require((risk["rows"] as? [[String: Any]])?.first)
    #expect(riskRow["zero_cell_correction"] != nil && riskRow["risk_ratio"] != nil)
  }
}
