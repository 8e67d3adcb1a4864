import AdregFormats

/// Every record a reader gives until its end or its first `CSVError`; any other error stops the fuzz run, since
/// bytes in memory can only be malformed text, never an unreadable file.
public func fuzzReadAll(_ reader: CSVReader) -> (records: [CSVRecord], error: CSVError?) {
  var records: [CSVRecord] = []
  do {
    while let record = try reader.next() { records.append(record) }
    return (records, nil)
  } catch let error as CSVError {
    return (records, error)
  } catch {
    fuzzCheck(false, "CSVReader threw \(error), not a CSVError, on bytes in memory")
    return (records, nil)
  }
}
