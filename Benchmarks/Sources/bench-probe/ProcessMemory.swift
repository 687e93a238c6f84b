#if canImport(Glibc)
import Glibc
#endif

/// This process's resident memory, read from `/proc/self/status`.
enum ProcessMemory {
  enum Measure: String {
    /// `VmRSS`: resident now.
    case current = "VmRSS"
    /// `VmHWM`: the most that was ever resident (the high-water mark).
    case peak = "VmHWM"
  }

  /// The measure in KiB, or 0 where `/proc` is not there.
  static func residentKiB(_ measure: Measure) -> Int {
    guard let file = fopen("/proc/self/status", "r") else { return 0 }
    defer { fclose(file) }
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    let prefix = measure.rawValue + ":"
    while getline(&line, &capacity, file) > 0, let line {
      let text = String(cString: line)
      guard text.hasPrefix(prefix) else { continue }
      let digits = text.dropFirst(prefix.count).filter(\.isNumber)
      return Int(digits) ?? 0
    }
    return 0
  }
}
