import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The python3 that runs twins and traced programs: found when a command needs it, never at
/// start-up, and checked by running it (CPython 3.11 or newer: `TaskGroup`, `except*`,
/// `asyncio.timeout`).
///
/// ```swift
/// let python = try await PythonInterpreter.find(explicit: nil, environment: ProcessInfo.processInfo.environment)
/// python.runtime  // "CPython 3.11.7"
/// ```
public struct PythonInterpreter: Sendable, Equatable {
  /// The executable's path.
  public let path: String
  /// "CPython", "PyPy", …
  public let implementation: String
  public let version: [Int]

  public init(path: String, implementation: String, version: [Int]) {
    self.path = path
    self.implementation = implementation
    self.version = version
  }

  /// What a run's header names: "CPython 3.11.7".
  public var runtime: String { "\(implementation) \(version.map(String.init).joined(separator: "."))" }

  /// The oldest Python the commands accept.
  public static let minimumVersion = [3, 11]

  /// `--python-bin PATH`, else `GATHERLAB_PYTHON`, else `python3` on `PATH`.
  public static func find(explicit: String?, environment: [String: String]) async throws(PythonNotFoundError) -> PythonInterpreter {
    let named = explicit ?? environment["GATHERLAB_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    let path: String
    if let named {
      path = named.contains("/") ? named : try search(named, in: environment["PATH"])
    } else {
      path = try search("python3", in: environment["PATH"])
    }
    return try await probe(path)
  }

  private static func search(_ name: String, in searchPath: String?) throws(PythonNotFoundError) -> String {
    let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    for directory in directories where !directory.isEmpty {
      let candidate = directory + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw .notFound(name)
  }

  /// Runs `path` to read its implementation and version.
  static func probe(_ path: String) async throws(PythonNotFoundError) -> PythonInterpreter {
    guard FileManager.default.isExecutableFile(atPath: path) else { throw .notFound(path) }
    let output: String
    do {
      let result = try await Subprocess.run(
        .path(FilePath(path)),
        // -I -S: no site packages, no environment: a few milliseconds instead of tens.
        arguments: ["-I", "-S", "-c", "import platform, sys; print(platform.python_implementation(), *sys.version_info[:3])"],
        output: .string(limit: 4096),
        error: .discarded
      )
      guard result.terminationStatus.isSuccess else { throw PythonNotFoundError.notPython(path) }
      output = result.standardOutput
    } catch {
      throw .notPython(path)
    }
    let words = output.split(whereSeparator: \.isWhitespace)
    guard words.count == 4, let version = Optional(words.dropFirst().compactMap { Int($0) }), version.count == 3 else {
      throw .notPython(path)
    }
    let interpreter = PythonInterpreter(path: path, implementation: String(words[0]), version: version)
    guard version.lexicographicallyPrecedes(minimumVersion) == false else {
      throw .tooOld(path, interpreter.runtime)
    }
    return interpreter
  }
}

/// No usable python3: the commands that need it exit 69 with this sentence.
public enum PythonNotFoundError: Error, Equatable, CustomStringConvertible {
  case notFound(String)
  case notPython(String)
  case tooOld(String, String)

  static let advice = "install python3 3.11 or newer (apt-get install python3), or name one with --python-bin PATH or GATHERLAB_PYTHON."

  public var description: String {
    switch self {
    case .notFound(let name): "No Python found at '\(name)': \(Self.advice)"
    case .notPython(let path): "'\(path)' did not run as Python: \(Self.advice)"
    case .tooOld(let path, let runtime): "'\(path)' is \(runtime), too old: \(Self.advice)"
    }
  }
}
