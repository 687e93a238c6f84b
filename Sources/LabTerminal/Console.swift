#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Where gatherlab's output goes. Only `StandardConsole` touches the real terminal; tests use
/// TestSupport's `RecordingConsole` and read back what would have been shown.
public protocol Console: Sendable {
  /// What the output can do (TTY, color, cursor movement, size).
  var capabilities: TerminalCapabilities { get }
  /// Writes text to standard output as is (escape codes included) and flushes it.
  func write(_ text: String)
  /// Writes one line to standard error.
  func writeError(_ line: String)
  /// The current size, re-read so a resize is noticed; nil when unknown.
  func currentSize() -> (columns: Int, rows: Int)?
}

extension Console {
  /// Writes `line` and a newline.
  public func writeLine(_ line: String = "") { write(line + "\n") }

  /// Writes styled lines, colored if the terminal takes color.
  public func writeLines(_ lines: [StyledText]) {
    guard !lines.isEmpty else { return }
    write(lines.map { $0.rendered(color: capabilities.color) }.joined(separator: "\n") + "\n")
  }
}

/// The process's real standard output and standard error.
public struct StandardConsole: Console {
  public let capabilities: TerminalCapabilities

  public init(capabilities: TerminalCapabilities) {
    self.capabilities = capabilities
  }

  public func write(_ text: String) {
    Self.writeAll(text, to: STDOUT_FILENO)
  }

  public func writeError(_ line: String) {
    Self.writeAll(line + "\n", to: STDERR_FILENO)
  }

  public func currentSize() -> (columns: Int, rows: Int)? {
    capabilities.isTTY ? TerminalCapabilities.currentWindowSize() : nil
  }

  /// Writes every byte, retrying on partial writes and EINTR; gives up quietly on a closed pipe.
  /// (From the string's own bytes: a traced run writes megabytes, and a copy of each was a cost.)
  private static func writeAll(_ text: String, to descriptor: Int32) {
    var text = text
    text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written > 0 {
          offset += written
        } else if written < 0 && errno == EINTR {
          continue
        } else {
          return
        }
      }
    }
  }
}
