import Foundation

/// Stops the run when a property of the code under test fails: libFuzzer reports the abort as a crash and
/// saves the input that caused it, which then belongs in `Fuzz/corpus/<target>/` and in a regression test.
public func fuzzCheck(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
  line: UInt = #line
) {
  guard !condition() else { return }
  FileHandle.standardError.write(Data("fuzz check failed at \(file):\(line): \(message())\n".utf8))
  abort()
}

/// The fuzzer's bytes as a Swift array, for the APIs that take one.
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
  guard let data, size > 0 else { return [] }
  return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The fuzzer's bytes as text: invalid UTF-8 becomes U+FFFD, so every input is some string.
public func fuzzText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
  String(decoding: fuzzBytes(data, size), as: UTF8.self)
}
