/// What one read at the prompt produced.
public enum LineInput: Sendable, Equatable {
  /// A line, without its newline.
  case line(String)
  /// Ctrl-C at the prompt: the line was thrown away.
  case interrupted
  /// Ctrl-D on an empty line, or the end of piped input.
  case endOfInput
}

/// Reads the user's commands. Only the libedit reader talks to the terminal; tests script one.
public protocol LineReader: AnyObject {
  /// Shows `prompt` (when interactive) and reads one line.
  func readLine(prompt: String) -> LineInput
  /// Remembers `line` in the history.
  func remember(_ line: String)
  /// Whether a person is typing (a terminal), rather than a script being piped in.
  var isInteractive: Bool { get }
}

/// Lines from piped standard input: no prompt, no history, no escape codes.
public final class PipedLineReader: LineReader {
  public init() {}

  public var isInteractive: Bool { false }

  public func readLine(prompt: String) -> LineInput {
    guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
    return .line(line.hasSuffix("\r") ? String(line.dropLast()) : line)
  }

  public func remember(_ line: String) {}
}
