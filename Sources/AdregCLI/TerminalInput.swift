import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads an answer from standard input; Ctrl-C while adreg waits for it ends adreg at once, saying that nothing was
/// saved.
///
/// A question is asked before anything is written, so there is nothing to undo: the handler writes its line and lets
/// SIGINT end the process as it would have (the shell sees 130), never returning a half-read answer to the command.
enum TerminalInput {
  /// Allocated before a handler can run: a signal handler may only call async-signal-safe functions.
  nonisolated(unsafe) static let interruptedMessage: UnsafeMutablePointer<CChar>? = strdup("\n\(Prompter.nothingSaved)\n")

  /// One line without its line feed, or nil at end of input.
  static func readAnswer() -> String? {
    _ = interruptedMessage
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { signal in
      if let message = TerminalInput.interruptedMessage { _ = write(STDERR_FILENO, message, strlen(message)) }
      // SA_RESETHAND restored the default action; the signal raised again ends the process once this returns.
      _ = raise(signal)
    }
    action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
    sigemptyset(&action.sa_mask)
    var previous = sigaction()
    _ = sigaction(SIGINT, &action, &previous)
    // A SIGINT the shell ignored (a background job) stays ignored.
    let ignored =
      unsafeBitCast(previous.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
    if ignored { _ = sigaction(SIGINT, &previous, nil) }
    // A parent may hand SIGINT down blocked (Foundation's Process does); Ctrl-C would then only end the read.
    var unblocked = sigset_t()
    sigemptyset(&unblocked)
    sigaddset(&unblocked, SIGINT)
    var mask = sigset_t()
    _ = pthread_sigmask(SIG_UNBLOCK, &unblocked, &mask)
    defer {
      if !ignored { _ = sigaction(SIGINT, &previous, nil) }
      _ = pthread_sigmask(SIG_SETMASK, &mask, nil)
    }
    return readLine(strippingNewline: true)
  }
}
