@testable import AdregCore
import Testing

@Suite("Patient id sets")
struct PatientIDSetTests {
  @Test("counts each id once, whether kept as a bit or, outside the bound, in a set; unions count the shared ids once")
  func counting() {
    var a = PatientIDSet(bound: 130)
    for id: Int64 in [1, 63, 64, 65, 129, 1, 64, 130, 1 << 40, -5, -5, 0] { a.insert(id) }
    // Distinct: 1, 63, 64, 65, 129, 0 as bits; 130, 2^40, -5 outside the bound.
    #expect(a.count == 9)
    var b = PatientIDSet(bound: 130)
    for id: Int64 in [2, 63, 129, 130, 7] { b.insert(id) }
    #expect(b.count == 5)
    b.formUnion(a)
    // a ∪ b = {0, 1, 2, 7, 63, 64, 65, 129} ∪ {130, 2^40, -5}
    #expect(b.count == 11)
    var empty = PatientIDSet(bound: 0)
    empty.insert(3)
    empty.insert(3)
    #expect(empty.count == 1)
  }
}
