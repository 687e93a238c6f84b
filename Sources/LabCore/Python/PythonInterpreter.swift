import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// The python3 that runs twins and traced programs: found when a command needs it, never at
/// start-up, and found without running it (a PATH lookup). The program gatherlab starts checks
/// the version itself (CPython 3.11 or newer: `TaskGroup`, `except*`, `asyncio.timeout`) and
/// names it in its first line, so a command starts CPython once, not a probe and then the run.
///
/// ```swift
/// let python = try PythonInterpreter.find(explicit: nil, environment: ProcessInfo.processInfo.environment)
/// python.path  // "/usr/bin/python3"
/// ```
public struct PythonInterpreter: Sendable, Equatable {
  /// The executable's path, as named (what messages show).
  public let path: String
  /// What gatherlab spawns: `path` itself, or the interpreter behind it when `path` is pyenv's
  /// shim (a bash script that costs as much as CPython's start-up; see `PyenvShim`).
  public let executable: String

  public init(path: String, executable: String? = nil) {
    self.path = path
    self.executable = executable ?? path
  }

  /// The oldest Python the commands accept.
  public static let minimumVersion = [3, 11]

  /// `--python-bin PATH`, else `GATHERLAB_PYTHON`, else `python3` on `PATH`. Runs nothing.
  /// `directory`: where pyenv looks for a `.python-version` (the working directory).
  public static func find(
    explicit: String?, environment: [String: String], directory: String = FileManager.default.currentDirectoryPath
  ) throws(PythonNotFoundError) -> PythonInterpreter {
    let named = explicit.flatMap { $0.isEmpty ? nil : $0 } ?? environment["GATHERLAB_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    let path: String
    if let named {
      path = named.contains("/") ? named : try search(named, in: environment["PATH"])
    } else {
      path = try search("python3", in: environment["PATH"])
    }
    guard FileManager.default.isExecutableFile(atPath: path) else { throw .notFound(path) }
    return PythonInterpreter(path: path, executable: PyenvShim.resolve(path, environment: environment, directory: directory))
  }

  private static func search(_ name: String, in searchPath: String?) throws(PythonNotFoundError) -> String {
    let directories = (searchPath ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
    for directory in directories where !directory.isEmpty {
      let candidate = directory + "/" + name
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw .notFound(name)
  }

  /// Why a program this interpreter started ended before its first line, if the interpreter is
  /// to blame: the bootstrap's too-old line (status `PythonProgram.tooOldStatus`), else — only
  /// on this failure path — one run of `path` that says whether it is a Python 3.11+ at all.
  /// nil: it is, and the program failed on its own (its stderr says why).
  public func diagnose(status: Int32?, standardError: String) async -> PythonNotFoundError? {
    if status == PythonProgram.tooOldStatus, let runtime = PythonProgram.tooOldRuntime(in: standardError) {
      return .tooOld(path, runtime)
    }
    do throws(PythonNotFoundError) {
      _ = try await Self.probe(path)
      return nil
    } catch {
      return error
    }
  }

  /// Runs `path` once to read its implementation and version: "CPython 3.11.7".
  static func probe(_ path: String) async throws(PythonNotFoundError) -> String {
    guard FileManager.default.isExecutableFile(atPath: path) else { throw .notFound(path) }
    let output: String
    do {
      let result = try await Subprocess.run(
        .path(FilePath(path)),
        arguments: ["-I", "-S", "-c", "import sys; print(sys.implementation.name, *sys.version_info[:3])"],
        output: .string(limit: 4096),
        error: .discarded
      )
      guard result.terminationStatus.isSuccess else { throw PythonNotFoundError.notPython(path) }
      output = result.standardOutput
    } catch {
      throw .notPython(path)
    }
    guard let (runtime, version) = parse(probed: output) else { throw .notPython(path) }
    guard version.lexicographicallyPrecedes(minimumVersion) == false else { throw .tooOld(path, runtime) }
    return runtime
  }

  /// Reads the probe's line, `cpython 3 11 7`, as ("CPython 3.11.7", [3, 11, 7]); nil for
  /// anything else.
  static func parse(probed output: String) -> (String, [Int])? {
    let line = output.split(separator: "\n").first.map(String.init) ?? ""
    let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    guard words.count >= 4, !words[0].isEmpty else { return nil }
    let version = words[1...3].compactMap { Int($0) }
    guard version.count == 3 else { return nil }
    return (implementationName(words[0]) + " " + version.map(String.init).joined(separator: "."), version)
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

/// The one way gatherlab looks for python3 (DESIGN §10), for every command and the walkthrough:
/// `--python-bin NAME`, else `GATHERLAB_PYTHON`, else `python3`, each a path when it has a slash
/// and a `PATH` lookup when it has none (`--python-bin python3.12`), with pyenv's shim resolved
/// to the interpreter behind it. A lookup is a value; nothing is looked up until `find()`.
///
/// ```swift
/// let lookup = PythonLookup(explicit: "python3.12", environment: ProcessInfo.processInfo.environment)
/// try lookup.find().path  // "/usr/local/bin/python3.12"
/// ```
public struct PythonLookup: Sendable, Equatable {
  /// `--python-bin`, if given.
  public var explicit: String?
  public var environment: [String: String]
  /// Where pyenv looks for a `.python-version` (the working directory).
  public var directory: String

  public init(explicit: String?, environment: [String: String], directory: String = FileManager.default.currentDirectoryPath) {
    self.explicit = explicit
    self.environment = environment
    self.directory = directory
  }

  /// The interpreter (runs nothing), or why there is none.
  public func find() throws(PythonNotFoundError) -> PythonInterpreter {
    try PythonInterpreter.find(explicit: explicit, environment: environment, directory: directory)
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
