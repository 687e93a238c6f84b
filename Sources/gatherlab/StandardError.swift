import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// Where error sentences go: stderr, one line each, never mixed into the command's output.
enum StandardError {
  /// Writes `text` as it is: lesson problems (`file:line: message`), counts.
  static func write(_ text: String) {
    StandardConsole(capabilities: .plain()).writeError(text)
  }

  /// Writes `text` byte for byte, without adding a newline (a traced program's own stderr).
  static func writeBytes(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
      let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { return }
      bytes = bytes.dropFirst(written)
    }
  }

  /// Writes one sentence about what went wrong, as "Error: …" like swift-argument-parser does.
  static func error(_ sentence: String) {
    write(sentence.hasPrefix("Error: ") ? sentence : "Error: " + sentence)
  }
}
