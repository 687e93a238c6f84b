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
  /// The executable's path, as named (what messages show).
  public let path: String
  /// "CPython", "PyPy", …
  public let implementation: String
  public let version: [Int]
  /// The interpreter binary itself (its `sys.executable`), which gatherlab spawns: `path` may be a
  /// launcher such as pyenv's shim, a shell script that costs a CPython start-up of its own.
  public let executable: String

  public init(path: String, implementation: String, version: [Int], executable: String? = nil) {
    self.path = path
    self.implementation = implementation
    self.version = version
    self.executable = executable ?? path
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

  /// Runs `path` once to read its implementation, version and `sys.executable`.
  static func probe(_ path: String) async throws(PythonNotFoundError) -> PythonInterpreter {
    guard FileManager.default.isExecutableFile(atPath: path) else { throw .notFound(path) }
    let output: String
    do {
      let result = try await Subprocess.run(
        .path(FilePath(path)),
        // -I -S: no site packages, no environment; only `sys`: a few milliseconds, not tens.
        arguments: ["-I", "-S", "-c", "import sys; print(sys.implementation.name, *sys.version_info[:3], sys.executable)"],
        output: .string(limit: 4096),
        error: .discarded
      )
      guard result.terminationStatus.isSuccess else { throw PythonNotFoundError.notPython(path) }
      output = result.standardOutput
    } catch {
      throw .notPython(path)
    }
    guard let interpreter = parse(probed: output, path: path) else { throw .notPython(path) }
    guard interpreter.version.lexicographicallyPrecedes(minimumVersion) == false else {
      throw .tooOld(path, interpreter.runtime)
    }
    return interpreter
  }

  /// Reads the probe's line, `cpython 3 11 7 /usr/bin/python3.11`; nil for anything else. An
  /// empty or relative `sys.executable` (an embedded or odd build) falls back to `path`.
  static func parse(probed output: String, path: String) -> PythonInterpreter? {
    let line = output.split(separator: "\n").first.map(String.init) ?? ""
    let words = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
    guard words.count >= 4, !words[0].isEmpty else { return nil }
    let version = words[1...3].compactMap { Int($0) }
    guard version.count == 3 else { return nil }
    let executable = words.count == 5 && words[4].hasPrefix("/") ? words[4] : path
    return PythonInterpreter(path: path, implementation: implementationName(words[0]), version: version, executable: executable)
  }

  /// `sys.implementation.name` as `platform.python_implementation()` spells it.
  static func implementationName(_ name: String) -> String {
    switch name {
    case "cpython": "CPython"
    case "pypy": "PyPy"
    case "ironpython": "IronPython"
    case "jython": "Jython"
    case "graalpy", "graalpython": "GraalVM"
    default: name.prefix(1).uppercased() + name.dropFirst()
    }
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
