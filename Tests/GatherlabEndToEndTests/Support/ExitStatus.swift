#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a program ended: it exited with a code, or a signal killed it.
///
/// ```swift
/// #expect(result.status == .exited(0))
/// #expect(try await terminal.waitForExit() == .exited(130))
/// ```
enum ExitStatus: Hashable, Sendable, CustomStringConvertible {
  case exited(Int32)
  case signaled(Int32)

  var description: String {
    switch self {
    case .exited(let code):
      "exited with code \(code)"
    case .signaled(let signal):
      "killed by signal \(signal)\(Self.signalNames[signal].map { " (\($0))" } ?? "")"
    }
  }

  private static let signalNames: [Int32: String] = [
    SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGABRT: "SIGABRT", SIGKILL: "SIGKILL",
    SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM", SIGTRAP: "SIGTRAP", SIGILL: "SIGILL",
    SIGBUS: "SIGBUS",
  ]
}
