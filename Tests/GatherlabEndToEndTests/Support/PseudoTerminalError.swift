#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a pseudo-terminal session failed. The waiting errors carry what the program showed, so a
/// failing test says what was on the screen instead of only "timed out".
enum PseudoTerminalError: Error, CustomStringConvertible {
  case couldNotOpen(errno: Int32)
  case couldNotStart(executable: String, errno: Int32)
  case couldNotWrite(command: String, errno: Int32)
  case writeTimedOut(command: String)
  case couldNotResize(command: String, errno: Int32)
  case couldNotWait(command: String, errno: Int32)
  case closed(command: String)
  case timedOut(waitingFor: String, command: String, timeout: Duration, transcript: TerminalTranscript.Snapshot)
  case exitedWhileWaiting(for: String, command: String, transcript: TerminalTranscript.Snapshot)

  var description: String {
    switch self {
    case .couldNotOpen(let code):
      "Could not open a pseudo-terminal: \(Self.message(code))."
    case .couldNotStart(let executable, let code):
      "Could not start \(executable) in a pseudo-terminal: \(Self.message(code))."
    case .couldNotWrite(let command, let code):
      "Could not type into the terminal of `\(command)`: \(Self.message(code))."
    case .writeTimedOut(let command):
      "Typing into the terminal of `\(command)` blocked: the program is not reading its input."
    case .couldNotResize(let command, let code):
      "Could not resize the terminal of `\(command)`: \(Self.message(code))."
    case .couldNotWait(let command, let code):
      "Could not wait for `\(command)` to exit: \(Self.message(code))."
    case .closed(let command):
      "The terminal of `\(command)` is already closed."
    case .timedOut(let expectation, let command, let timeout, let transcript):
      "`\(command)` did not show \(expectation) within \(timeout)"
        + "\(transcript.exit.map { "; it \($0)" } ?? "").\n"
        + Self.report(transcript)
    case .exitedWhileWaiting(let expectation, let command, let transcript):
      "`\(command)` \(transcript.exit.map(\.description) ?? "closed its terminal") "
        + "before showing \(expectation).\n" + Self.report(transcript)
    }
  }

  /// The screen as a person would see it, then the tail of the raw output with escapes shown.
  private static func report(_ transcript: TerminalTranscript.Snapshot) -> String {
    let output = String(decoding: transcript.output, as: UTF8.self)
    return """
      Screen:
      \(transcript.screen)
      Last output (\(min(output.count, 2000)) of \(output.count) characters, escapes shown):
      \(revealingEscapes(String(output.suffix(2000))))
      """
  }

  private static func message(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
