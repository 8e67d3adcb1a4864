import AdregCore
import Testing

/// The single-value checks that both the commands and the importers use: what each accepts, what it refuses, and
/// that the refusal names the field and says how to fix it.
@Suite("Validate: single values")
struct ValidateTests {
  /// The message of the error `body` throws, or nil when it throws none.
  func refusal(_ body: () throws -> Any) -> String? {
    do {
      _ = try body()
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test("dates: only YYYY-MM-DD; an ambiguous or impossible date says why; a future date is refused")
  func dates() throws {
    #expect(try Validate.date("2025-04-03", field: "onset").iso == "2025-04-03")
    let ambiguous = try #require(refusal { try Validate.date("03/04/2025", field: "onset") })
    #expect(ambiguous.contains("onset") && ambiguous.contains("ambiguous") && ambiguous.contains("YYYY-MM-DD"))
    let impossible = try #require(refusal { try Validate.date("2025-02-30", field: "onset") })
    #expect(impossible.contains("not a day of the calendar"))
    let garbage = try #require(refusal { try Validate.date("soon", field: "onset") })
    #expect(garbage.contains("not a date"))
    let today = try #require(Day(iso: "2025-06-30"))
    #expect(try Validate.pastDate("2025-06-30", field: "onset", today: today) == today)
    let future = try #require(refusal { try Validate.pastDate("2025-07-01", field: "onset", today: today) })
    #expect(future.contains("in the future") && future.contains("2025-06-30"))
  }

  @Test("codes: 1–64 letters, digits, '.', '_' or '-'; never spaces, names or 65 characters")
  func identifiers() {
    for good in ["P-001", "a", "clinic_2.north", String(repeating: "x", count: 64)] {
      #expect(refusal { try Validate.identifier(good, field: "code") } == nil, "\(good)")
    }
    for bad in ["", "Ana Lima", "P/1", "é", String(repeating: "x", count: 65), "P1\n"] {
      let message = refusal { try Validate.identifier(bad, field: "code") }
      #expect(message?.hasPrefix("code") == true, "\(bad): \(message ?? "accepted")")
    }
  }

  @Test("free text: control characters refused (newlines and tabs only when multi-line), length limited")
  func text() {
    #expect(refusal { try Validate.text("two\nlines\tand a tab 😀", field: "note") } == nil)
    #expect(refusal { try Validate.text("two\nlines", field: "reason", multiline: false) }?.contains("U+A") == true)
    #expect(refusal { try Validate.text("bell\u{7}", field: "note") }?.contains("U+7") == true)
    #expect(refusal { try Validate.text("c1\u{85}", field: "note") }?.contains("U+85") == true)
    #expect(refusal { try Validate.text("abcd", field: "note", maxLength: 3) }?.contains("longer than 3") == true)
    // Four emoji are 16 bytes but 4 characters: the limit counts characters.
    #expect(refusal { try Validate.text("😀😀😀😀", field: "note", maxLength: 4) } == nil)
  }

  @Test("the audit user needs a visible character; required text needs words")
  func users() {
    #expect(refusal { try Validate.user("nurse.ana") } == nil)
    for invisible in ["", "   ", "\u{200B}", "\u{00A0}\u{2003}"] {
      #expect(refusal { try Validate.user(invisible) }?.contains("no visible character") == true, "\(invisible.unicodeScalars.map(\.value))")
    }
    #expect(refusal { try Validate.requiredText("  \n ", field: "reason") }?.contains("reason is empty") == true)
    #expect(refusal { try Validate.requiredText(" entered twice", field: "reason") } == nil)
  }

  @Test("whole numbers within a range, spaces around allowed")
  func integers() throws {
    #expect(try Validate.integer(" 14 ", field: "interval", in: 1...365) == 14)
    #expect(refusal { try Validate.integer("14.5", field: "interval", in: 1...365) }?.contains("not a whole number") == true)
    #expect(refusal { try Validate.integer("0", field: "interval", in: 1...365) }?.contains("outside 1–365") == true)
    #expect(refusal { try Validate.integer("366", field: "interval", in: 1...365) } != nil)
  }

  @Test("code lists: split, trimmed, each checked, repeats refused")
  func codeLists() throws {
    #expect(try Validate.codes(" face, neck ,,", in: .bodySite) == ["face", "neck"])
    #expect(refusal { try Validate.codes("face,face", in: .bodySite) }?.contains("given twice") == true)
    #expect(refusal { try Validate.codes("face;neck", in: .bodySite, separator: ",") } != nil)
    #expect(try Validate.codes("face;neck", in: .bodySite, separator: ";") == ["face", "neck"])
  }

  @Test("UUIDs in 8-4-4-4-12 hex form, returned in lower case")
  func uuids() throws {
    #expect(try Validate.uuid("0A1B2C3D-4E5F-6789-ABCD-EF0123456789", field: "uuid") == "0a1b2c3d-4e5f-6789-abcd-ef0123456789")
    for bad in ["0a1b2c3d4e5f6789abcdef0123456789", "0a1b2c3d-4e5f-6789-abcd-ef012345678g", "{0a1b2c3d-4e5f-6789-abcd-ef0123456789}", ""] {
      #expect(refusal { try Validate.uuid(bad, field: "uuid") }?.contains("not a UUID") == true, "\(bad)")
    }
  }
}
