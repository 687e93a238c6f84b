#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables, read straight from `environ`.
///
/// Foundation's `ProcessInfo.processInfo.environment` builds the same dictionary at about fifty
/// times the cost (a millisecond here), and `gatherlab list` read it three times on its way to
/// the screen.
///
/// ```swift
/// let environment = ProcessEnvironment.current()
/// environment["NO_COLOR"]   // "1" or nil
/// ```
public enum ProcessEnvironment {
  /// Every `NAME=value` entry; for a name given twice, the first one, as `getenv` reads it.
  public static func current() -> [String: String] {
    var variables: [String: String] = [:]
    let start: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
    guard var entry = start else { return variables }
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let separator = text.utf8.firstIndex(of: UInt8(ascii: "=")) {
        let name = String(text[..<separator])
        if variables[name] == nil {
          variables[name] = String(text[text.index(after: separator)...])
        }
      }
      entry += 1
    }
    return variables
  }
}
