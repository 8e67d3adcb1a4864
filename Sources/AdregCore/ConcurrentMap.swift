import Dispatch

extension Array where Element: Sendable {
  /// `map` with the elements spread over the processor's cores, in order; the first error is rethrown.
  func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
    let results = ConcurrentResults<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { index in
      results.set(index, Result { try transform(self[index]) })
    }
    return try results.values.map { try $0!.get() }
  }
}

/// Slots that concurrent iterations fill, each its own.
private final class ConcurrentResults<T>: @unchecked Sendable {
  private(set) var values: [Result<T, any Error>?]
  private let lock = DispatchLock()

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<T, any Error>) {
    lock.locked { values[index] = value }
  }
}

/// A mutual-exclusion lock from Dispatch, so the core needs no Foundation lock here.
private final class DispatchLock: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 1)
  func locked(_ body: () -> Void) {
    semaphore.wait()
    body()
    semaphore.signal()
  }
}
