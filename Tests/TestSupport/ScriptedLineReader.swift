import LabCore

/// Lines given up front, for tests: each `nil` stands for a Ctrl-C.
public final class ScriptedLineReader: LineReader {
  private var lines: [String?]
  public private(set) var prompts: [String] = []
  public private(set) var history: [String] = []
  public let isInteractive: Bool

  public init(_ lines: [String?], interactive: Bool = true) {
    self.lines = lines
    isInteractive = interactive
  }

  public func readLine(prompt: String) -> LineInput {
    prompts.append(prompt)
    guard !lines.isEmpty else { return .endOfInput }
    return lines.removeFirst().map(LineInput.line) ?? .interrupted
  }

  public func remember(_ line: String) { history.append(line) }
}
