import AdregCore
import Testing

@Suite("Vocabulary messages")
struct VocabularyMessageTests {
  func message(_ code: String) -> String? {
    do {
      _ = try Vocabulary.scaling.validate(code)
      return nil
    } catch let error as RegistryError {
      return error.message
    } catch {
      return "\(error)"
    }
  }

  @Test("an unknown code lists the valid ones in a sentence of its own, after the suggestion when there is one")
  func separated() {
    #expect(message("present") == nil)
    #expect(message("y") == "unknown scaling 'y'; valid scaling codes: present, absent, unknown")
    #expect(message("presnt") == "unknown scaling 'presnt'; did you mean 'present'? Valid scaling codes: present, absent, unknown")
  }
}
