import Foundation

/// The python3 interpreters this machine has, for tests that need real CPython: `python3` on
/// PATH when it is 3.11 or newer, and pyenv's 3.11, 3.12 and 3.13 when installed. Tests that
/// need one say so with `.enabled(if:)`, naming what they skip.
public enum PythonForTests {
  /// python3 on PATH, if it is 3.11 or newer.
  public static let python3: String? = {
    let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
      .map { $0 + "/python3" }
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    return path.flatMap { candidate in version(of: candidate).map { !$0.lexicographicallyPrecedes([3, 11]) } == true ? candidate : nil }
  }()

  /// pyenv's newest interpreter of `minor` (3.minor), if installed: ~/.pyenv/versions/3.12.1/bin/python3.
  public static func pyenv(_ minor: Int) -> String? {
    let root = (ProcessInfo.processInfo.environment["PYENV_ROOT"] ?? NSHomeDirectory() + "/.pyenv") + "/versions"
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
    return names.filter { $0.hasPrefix("3.\(minor).") }.sorted().last
      .map { root + "/" + $0 + "/bin/python3" }
      .flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
  }

  /// [major, minor] of the interpreter at `path`.
  static func version(of path: String) -> [Int]? {
    output(of: path, "import sys; print(*sys.version_info[:2])")?
      .split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
  }

  /// The interpreter's file name ending for extension modules (sysconfig's EXT_SUFFIX, e.g.
  /// `.cpython-311-x86_64-linux-gnu.so`): the tracer's speedups built for it end so.
  public static func extensionSuffix(of path: String) -> String? {
    output(of: path, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// How many worker threads `asyncio.to_thread` gets from the interpreter at `path`: its default
  /// executor's size, min(32, cpu count + 4), with the cpu count that version counts.
  public static func toThreadWorkers(of path: String) -> Int? {
    output(of: path, "import concurrent.futures as f; print(f.ThreadPoolExecutor()._max_workers)")
      .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  }

  /// What `code` prints when the interpreter at `path` runs it; nil when it cannot start.
  static func output(of path: String, _ code: String) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["-c", code]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
