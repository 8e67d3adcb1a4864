import AdregFormats

/// The problems of one row of a small import file, each `column: problem`.
struct RowProblems: Error {
  var problems: [String]
}

/// Small import files read by header name, all or nothing: trial references and the site's MedDRA mapping.
enum NamedColumnsCSV {
  /// Opens an import file.
  /// - Throws: `RegistryError` for a file that cannot be read.
  static func open(_ path: String) throws -> CSVReader {
    do {
      return try CSVReader(path: path)
    } catch let error as CSVFileError {
      throw RegistryError(error)
    }
  }

  /// Every row of the file through `body`, which reads fields by column name (a text led by the `'` that guards
  /// against formulas reads back as stored) and throws `RegistryError` or `RowProblems` for a bad row.
  /// - Throws: `RegistryError.invalidData` for a missing header or column, or listing every bad row as
  ///   `FILE:LINE: column: problem`; then nothing is returned.
  static func rows<T>(
    _ reader: CSVReader, fileName: String, columns: [String], optional: Set<String> = [],
    _ body: (_ record: CSVRecord, _ field: (String) -> String) throws -> T
  ) throws -> [T] {
    var problems: [String] = []
    var badRows = 0
    var result: [T] = []
    do {
      guard let header = try reader.next() else {
        throw RegistryError.invalid("\(fileName) is empty; expected a header row: \(columns.joined(separator: ","))")
      }
      let index = Dictionary(header.fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      let missing = columns.filter { index[$0] == nil && !optional.contains($0) }
      guard missing.isEmpty else {
        throw RegistryError.invalid(
          "\(fileName):\(header.line): missing column(s) \(missing.joined(separator: ", ")); expected \(columns.joined(separator: ","))")
      }
      while let record = try reader.next() {
        func field(_ name: String) -> String {
          guard let i = index[name], i < record.fields.count else { return "" }
          return CSVFormat.unescapingFormula(record.fields[i])
        }
        do {
          guard record.fields.count == header.fields.count else {
            throw RegistryError.invalid("row has \(record.fields.count) fields, the header \(header.fields.count)")
          }
          result.append(try body(record, field))
        } catch let error as RowProblems {
          badRows += 1
          problems += error.problems.map { "\(fileName):\(record.line): \($0)" }
        } catch let error as RegistryError {
          badRows += 1
          problems.append("\(fileName):\(record.line): \(error.message)")
        }
      }
    } catch let error as CSVError {
      throw RegistryError(error, file: fileName)
    } catch let error as CSVFileError {
      throw RegistryError(error)
    }
    guard problems.isEmpty else {
      throw RegistryError.invalid("\(badRows) invalid row(s), nothing imported:\n" + problems.joined(separator: "\n"))
    }
    return result
  }
}
