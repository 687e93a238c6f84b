import LabTerminal
import Synchronization

/// A console that records everything written, for tests.
public final class RecordingConsole: Console {
  public let capabilities: TerminalCapabilities
  private let state = Mutex((output: "", errors: [String](), size: (columns: 80, rows: 24)))

  public init(capabilities: TerminalCapabilities = .plain()) {
    self.capabilities = capabilities
    state.withLock { $0.size = (capabilities.width, capabilities.height ?? 24) }
  }

  public func write(_ text: String) { state.withLock { $0.output += text } }
  public func writeError(_ line: String) { state.withLock { $0.errors.append(line) } }
  public func currentSize() -> (columns: Int, rows: Int)? { state.withLock { $0.size } }

  /// Everything written to standard output so far.
  public var output: String { state.withLock { $0.output } }
  /// Every line written to standard error so far.
  public var errors: [String] { state.withLock { $0.errors } }
}
