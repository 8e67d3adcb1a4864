import AdregFormats
import Foundation

/// Checks the rows of an import file on a second thread while the calling thread writes the rows checked
/// before, so that reading and checking cost no time of their own.
///
/// Batches come out in file order, with a few at most waiting. The checking thread stops at the first record
/// that cannot be read; its error comes out after the rows before it, where that record would have been.
final class CheckedRowStream {
  static let batchSize = 512
  private let handoff = Handoff()
  /// Rows the writer is done with: the checking thread frees them.
  let spent = SpentRows()
  /// Bytes of the file read through the last row of the batch `next()` returned last.
  private(set) var bytesRead = 0

  /// Starts checking. The reader belongs to the checking thread from now until `close()` returns.
  init(reader: CSVReader, source: ImportSource, configuration: ImportChecker.Configuration) {
    let transfer = ReaderTransfer(reader: reader)
    let handoff = handoff
    let spent = spent
    Thread.detachNewThread {
      defer { handoff.finish() }
      var batch: [CheckedRow] = []
      batch.reserveCapacity(CheckedRowStream.batchSize)
      do {
        let checker = try ImportChecker(configuration)
        while let record = try Registry.nextRecord(transfer.reader, source: source) {
          batch.append(checker.check(record))
          if batch.count == CheckedRowStream.batchSize {
            guard handoff.put(batch, bytes: transfer.reader.bytesConsumed) else { return }
            batch.removeAll(keepingCapacity: true)
            spent.free()
          }
        }
        if !batch.isEmpty { _ = handoff.put(batch, bytes: transfer.reader.bytesConsumed) }
      } catch {
        // The rows checked before the error come out first.
        if !batch.isEmpty, !handoff.put(batch, bytes: transfer.reader.bytesConsumed) { return }
        handoff.fail(error)
      }
    }
  }

  /// The next batch of checked rows; nil after the last.
  /// - Throws: what stopped the checking thread: a record that is not CSV, or a registry it could not open.
  func next() throws -> [CheckedRow]? {
    guard let (batch, bytes) = try handoff.take() else { return nil }
    bytesRead = bytes
    return batch
  }

  /// Stops the checking thread if it still runs, and waits until it has.
  func close() {
    handoff.cancelAndWait()
  }
}

/// Rows the writer is done with, handed back to the checking thread to be freed there: freeing the strings of a
/// batch is work the writer, the import's critical path, need not do.
final class SpentRows: @unchecked Sendable {
  private let lock = NSLock()
  /// Guarded by `lock`.
  private var spent: [Any] = []

  /// Keeps `rows` until the checking thread frees them; the caller gives up its reference (`consume`), or the last
  /// release may still fall to it.
  func discard(_ rows: Any) {
    lock.lock()
    spent.append(rows)
    lock.unlock()
  }

  /// Frees what was discarded, on the calling thread.
  fileprivate func free() {
    lock.lock()
    let taken = spent
    spent = []
    lock.unlock()
    withExtendedLifetime(taken) {}
  }
}

/// Hands the reader to the checking thread, which alone uses it until the stream is closed.
private struct ReaderTransfer: @unchecked Sendable {
  let reader: CSVReader
}

/// The queue between the checking thread and the writing one; every stored property is read and written
/// under `condition` only.
private final class Handoff: @unchecked Sendable {
  private let condition = NSCondition()
  /// Each batch with the bytes of the file read through its last row.
  private var batches: [(rows: [CheckedRow], bytes: Int)] = []
  private var failure: (any Error)?
  private var finished = false
  private var cancelled = false
  /// Batches checked ahead of the writer: enough to keep both threads busy, few enough to bound memory.
  private let capacity = 4

  /// Queues a batch, waiting for room; false when the writer has stopped taking batches.
  func put(_ batch: [CheckedRow], bytes: Int) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    while batches.count >= capacity && !cancelled { condition.wait() }
    guard !cancelled else { return false }
    batches.append((batch, bytes))
    condition.broadcast()
    return true
  }

  func fail(_ error: any Error) {
    condition.lock()
    failure = error
    condition.unlock()
  }

  /// The checking thread is done, by reaching the end, by an error, or because it was cancelled.
  func finish() {
    condition.lock()
    finished = true
    condition.broadcast()
    condition.unlock()
  }

  func take() throws -> (rows: [CheckedRow], bytes: Int)? {
    condition.lock()
    defer { condition.unlock() }
    while batches.isEmpty && !finished { condition.wait() }
    if !batches.isEmpty {
      condition.broadcast()
      return batches.removeFirst()
    }
    if let failure {
      self.failure = nil
      throw failure
    }
    return nil
  }

  func cancelAndWait() {
    condition.lock()
    cancelled = true
    condition.broadcast()
    while !finished { condition.wait() }
    condition.unlock()
  }
}
