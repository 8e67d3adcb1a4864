extension ExchangeColumns {
  /// Provisional until i15-exchange's column lists are merged.
  public static let doses = ["site", "patient_code", "dose_date"]
  public static let visits = ["site", "patient_code", "visit_date", "note"]
  public static let followUps = [
    "case_uuid", "sequence", "recorded_at", "recorded_by", "action", "treatments", "dechallenge", "rechallenge",
    "outcome", "outcome_date", "biopsy", "note",
  ]
}
