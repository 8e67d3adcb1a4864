import AdregDatabase

extension Registry {
  /// Every case of one patient, withdrawn ones too, by onset then id, with follow-ups and withdrawal.
  public func casesIncludingWithdrawn(patientID: Int64) throws -> [CaseRecord] {
    try read {
      try db.rows(CaseStore.select + " WHERE c.patient_id = ? ORDER BY c.onset_date, c.id", [patientID])
        .map(caseStore.record(from:))
    }
  }

  /// The patient's course on one time line: start, doses, visits, cases (withdrawn ones marked), follow-ups, stop.
  public func course(of patient: Patient) throws -> PatientCourse {
    PatientCourse(
      patient: patient, doses: try doses(patientID: patient.id), visits: try visits(patientID: patient.id),
      cases: try casesIncludingWithdrawn(patientID: patient.id))
  }
}
