import AdregDatabase

extension Registry {
  /// Makes the `vocabulary` table list exactly the codes the enums declare, with their meanings and order; inside
  /// `init`'s write transaction. Rows that already agree are left untouched, so a second run writes nothing.
  ///
  /// The migrations seeded the table as each list stood when it shipped; from here the enums are what it lists.
  /// The schema's CHECKs still need a migration for a new code (`VocabularyAgreementTests` fails until it exists).
  func seedVocabulary() throws {
    var declared: [DatabaseValue] = []
    for vocabulary in Vocabulary.allCases {
      for (position, entry) in vocabulary.entries.enumerated() {
        try db.execute(
          """
          INSERT INTO vocabulary (list, code, meaning, position) VALUES (?, ?, ?, ?)
          ON CONFLICT (list, code) DO UPDATE SET meaning = excluded.meaning, position = excluded.position
          WHERE meaning IS NOT excluded.meaning OR position IS NOT excluded.position
          """,
          [vocabulary.rawValue, entry.code, entry.meaning, position + 1])
        declared.append(.text("\(vocabulary.rawValue) \(entry.code)"))
      }
    }
    let placeholders = Array(repeating: "?", count: declared.count).joined(separator: ", ")
    try db.execute("DELETE FROM vocabulary WHERE list || ' ' || code NOT IN (\(placeholders))", declared)
  }
}
