import AdregDatabase

extension Registry {
  /// Stores staff answers to Naranjo questions (audited); later assessments use the latest answer.
  /// - Parameter answers: each question's number (1 to 10) and its answer, in the order given.
  /// - Throws: `RegistryError.invalidData` for a question outside 1 to 10 or an unknown case.
  public func answer(caseID: Int64, _ answers: [(question: Int, answer: Naranjo.Answer)]) throws {
    try recordAssessment(caseID: caseID, answers: answers)
  }

  /// Stores staff answers to Naranjo questions and the WHO-UMC category staff set, in one audited change; later
  /// assessments use the latest answer of each question and the latest category.
  /// - Parameters:
  ///   - answers: each question's number (1 to 10) and its answer, in the order given; a later answer of a
  ///     question replaces an earlier one.
  ///   - whoUMC: a WHO-UMC code and the reason for it, or nil to leave the category as it is.
  /// - Throws: `RegistryError.invalidData` for a question outside 1 to 10, an unknown code, an empty reason, an
  ///   unknown or withdrawn case; nothing is written then.
  public func recordAssessment(
    caseID: Int64, answers: [(question: Int, answer: Naranjo.Answer)], whoUMC: (code: String, reason: String)? = nil
  ) throws {
    try write {
      // Read inside the write: another writer cannot withdraw the case between the check and the answers.
      let record = try caseRecord(id: caseID)
      if record.withdrawal != nil {
        throw RegistryError.invalid("case \(caseID) was withdrawn; it is not assessed")
      }
      for given in answers where !(1...Naranjo.questions.count).contains(given.question) {
        throw RegistryError.invalid(
          "question \(given.question) is not a Naranjo question; answer one from 1 to \(Naranjo.questions.count)")
      }
      let setting = try whoUMC.map { given in
        (
          category: try WHOUMC.Category(parsing: given.code),
          reason: try Validate.requiredText(given.reason, field: "reason")
        )
      }
      guard !answers.isEmpty || setting != nil else { return }
      let previous = try staffAnswers(caseID: caseID)
      let previousSetting = try whoUMCSetting(caseID: caseID)
      var changes: [String] = []
      for (number, answer) in answers {
        try assessmentStore.insertAnswer(caseID: caseID, question: number, answer, at: timestamp(), by: user)
        changes.append(change("naranjo_q\(number)", previous[number]?.answer.rawValue, answer.rawValue))
      }
      if let setting {
        try assessmentStore.insertWHOUMC(
          caseID: caseID, setting.category, reason: setting.reason, at: timestamp(), by: user)
        changes.append(change("who_umc", previousSetting?.category.rawValue, setting.category.rawValue))
      }
      try audit(
        action: "case.assess", patientID: record.patientID, caseID: caseID, changes: changes, reason: setting?.reason)
    }
  }

  var assessmentStore: AssessmentStore { AssessmentStore(db: db) }

  /// The latest staff answer of each question.
  func staffAnswers(caseID: Int64) throws -> [Int: (answer: Naranjo.Answer, user: String, at: String)] {
    try assessmentStore.latestAnswers(caseID: caseID)
  }

  /// The Naranjo assessment of a case, with each answer's source, and the differentiation hints.
  public func assess(caseID: Int64) throws -> Assessment {
    try read {
      let record = try caseRecord(id: caseID)
      let patient = try patient(id: record.patientID)
      let derived = Registry.derivedAnswers(record, patient: patient)
      let staff = try staffAnswers(caseID: caseID)
      var questions: [AssessedQuestion] = []
      for number in 1...10 {
        let answer: Naranjo.Answer
        let source: AnswerSource
        if let given = staff[number] {
          (answer, source) = (given.answer, .staff(user: given.user, at: given.at))
        } else if let fact = derived[number] {
          (answer, source) = (fact.answer, .record(fact.because))
        } else {
          (answer, source) = (.unknown, .unknown)
        }
        questions.append(
          AssessedQuestion(
            number: number, text: Naranjo.questions[number - 1].text, answer: answer, source: source,
            score: Naranjo.score(question: number, answer)))
      }
      return Assessment(
        caseID: caseID, questions: questions, hints: Registry.hints(record, patient: patient),
        unchecked: Registry.uncheckedHints(record),
        whoUMC: try whoUMC(record, questions: questions))
    }
  }

  /// Baseline histories that can explain a category on their own.
  static let explainingHistory: [Category: [RiskFactor]] = [
    .psoriasiform: [.psoriasisHistory],
    .rosaceaLike: [.rosaceaHistory],
    .facialRedness: [.rosaceaHistory, .seborrheicDermatitisHistory],
    .seborrheicLike: [.seborrheicDermatitisHistory],
    .injectionSite: [.injectionSensitivity],
  ]

  /// Answers the record can give, with the fact behind each.
  static func derivedAnswers(_ record: CaseRecord, patient: Patient) -> [Int: (answer: Naranjo.Answer, because: String)] {
    var answers: [Int: (Naranjo.Answer, String)] = [:]
    if record.category != .other {
      answers[1] = (.yes, "\(record.category) is a documented reaction to dupilumab")
    }
    if record.onset >= patient.start {
      answers[2] = (.yes, "onset on day \(record.timing.dayOfTreatment) of treatment, after the first dose")
    }
    let state = record.current
    switch state.dechallenge {
    case .improved: answers[3] = (.yes, "dechallenge: improved")
    case .notImproved: answers[3] = (.no, "dechallenge: not improved")
    case nil: break
    }
    switch state.rechallenge {
    case .recurred: answers[4] = (.yes, "rechallenge: recurred")
    case .noRecurrence: answers[4] = (.no, "rechallenge: no recurrence")
    case nil: break
    }
    if let history = explainingHistory[record.category]?.first(where: patient.riskFactors.contains) {
      answers[5] = (.yes, "baseline \(history) can explain \(record.category)")
    }
    if let improvement = improvementAfterExtension(record) {
      answers[8] = (.yes, improvement)
    }
    if let biopsy = state.biopsy {
      answers[10] = (.yes, "biopsy result recorded: \(Validate.shortened(biopsy))")
    }
    return answers
  }

  /// "improved after the interval was extended", when a follow-up at or after an `interval-extended` action says so.
  static func improvementAfterExtension(_ record: CaseRecord) -> String? {
    guard let index = record.followUps.firstIndex(where: { $0.action == .intervalExtended }) else { return nil }
    for followUp in record.followUps[index...] {
      if followUp.dechallenge == .improved { return "improved (dechallenge) after the dosing interval was extended" }
      if let outcome = followUp.outcome, outcome == .improving || outcome.isResolved {
        return "outcome \(outcome) after the dosing interval was extended"
      }
    }
    return nil
  }

  /// The differentiation hints of PRODUCT.md §7, each with the rule that fired.
  static func hints(_ record: CaseRecord, patient: Patient) -> [DifferentiationHint] {
    var hints: [DifferentiationHint] = []
    let days = record.timing.daysSinceStart
    if days <= 112 {
      hints.append(DifferentiationHint(
        rule: "onset within 16 weeks of starting (day \(record.timing.dayOfTreatment), ≤ 112 days since start)",
        hint: "suggests a drug-related reaction rather than the natural course of atopic dermatitis"))
    }
    let facial = record.category == .facialRedness || record.category == .rosaceaLike || record.bodySites.contains(.face)
    if facial && record.scaling == .absent {
      hints.append(DifferentiationHint(
        rule: "facial redness with scaling absent",
        hint: "points to dupilumab facial redness or rosacea-like dermatitis rather than an eczema flare"))
    }
    let paused = record.followUps.contains { $0.action?.withholds ?? false }
    if paused && record.current.dechallenge == .improved {
      hints.append(DifferentiationHint(
        rule: "improvement after dupilumab was paused, spaced or stopped",
        hint: "supports a drug link"))
    }
    if isAtInjectionSite(record), let since = record.timing.daysSinceLastDose, (0...3).contains(since) {
      hints.append(DifferentiationHint(
        rule: "onset \(since) day\(since == 1 ? "" : "s") after a logged injection, at the injection site",
        hint: "points to an injection-site reaction"))
    }
    let histories = patient.riskFactors.filter {
      [.psoriasisHistory, .rosaceaHistory, .seborrheicDermatitisHistory].contains($0)
    }
    if !histories.isEmpty {
      hints.append(DifferentiationHint(
        rule: "baseline \(histories.joined(separator: ", "))",
        hint: "mixed rashes are likely and the diagnosis is harder"))
    }
    return hints
  }

  /// Hints whose rule needs data the record lacks: the injection-site timing rule needs a dose logged on or before
  /// onset.
  static func uncheckedHints(_ record: CaseRecord) -> [DifferentiationHint] {
    guard isAtInjectionSite(record), record.timing.lastDose == nil else { return [] }
    return [DifferentiationHint(
      rule: "onset 0–3 days after a logged injection, at the injection site",
      hint: "no injection is logged on or before the onset; "
        + "log it with 'adreg dose add CODE --date YYYY-MM-DD' and assess again")]
  }

  /// A case of category `injection-site` or with the injection site among its body sites.
  static func isAtInjectionSite(_ record: CaseRecord) -> Bool {
    record.category == .injectionSite || record.bodySites.contains(.injectionSite)
  }
}
