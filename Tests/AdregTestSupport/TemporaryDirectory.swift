import Foundation

/// A fresh directory under the system's temporary directory for one test, removed with everything in it when the
/// value is released.
public final class TemporaryDirectory: @unchecked Sendable {
  /// The directory itself.
  public let url: URL

  /// Creates the directory; `prefix` starts its name, so a leftover says which suite made it.
  public init(prefix: String = "adreg-test") throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// The directory's path.
  public var path: String { url.path }

  /// The path of `name` inside the directory (the file need not exist).
  public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  /// The same as `path(_:)`, for suites that speak of files.
  public func file(_ name: String) -> String { path(name) }
}
