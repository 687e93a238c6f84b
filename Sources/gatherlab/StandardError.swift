import LabTerminal

/// Where error sentences go: stderr, one line each, never mixed into the command's output.
enum StandardError {
  /// Writes `text` as it is: lesson problems (`file:line: message`), counts.
  static func write(_ text: String) {
    StandardConsole(capabilities: .plain()).writeError(text)
  }

  /// Writes one sentence about what went wrong, as "Error: …" like swift-argument-parser does.
  static func error(_ sentence: String) {
    write(sentence.hasPrefix("Error: ") ? sentence : "Error: " + sentence)
  }
}
