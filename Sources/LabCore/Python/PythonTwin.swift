import Foundation
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// A demo's Python twin run under real CPython: the embedded twin and its `_gatherlab` helper
/// passed with `python3 -c`, the demo's parameters and `--speed` as its arguments, its JSON Lines
/// read from its stdout and handed on as log entries.
///
/// ```swift
/// let twin = try PythonTwin(demo: OrderingDemo(), interpreter: python)
/// let run = try await twin.run(parameters, speed: 20, ready: { _ in }, entry: { print($0) })
/// ```
public struct PythonTwin: Sendable {
  public let demo: any Demo
  public let interpreter: PythonInterpreter
  let source: String
  let helper: String
  /// The clock the twin's event loop reads (DESIGN §13); `--speed` composes with either.
  public var clock: PythonClock = .real

  public static let helperName = "_gatherlab"

  public init(demo: any Demo, interpreter: PythonInterpreter) throws(PythonTwinError) {
    guard let source = demo.pythonSource,
      let helper = EmbeddedFiles.demoPython.first(where: { $0.name == Self.helperName + ".py" })?.text
    else { throw .noTwin(demo.id) }
    self.demo = demo
    self.interpreter = interpreter
    self.source = source
    self.helper = helper
  }

  /// The twin's arguments: every parameter as `key=value`, then `--speed X`.
  public static func arguments(_ parameters: DemoParameters, speed: Double) -> [String] {
    parameters.values.map { "\($0.name)=\($0.value.text)" } + ["--speed", DemoParameter.format(speed)]
  }

  /// What the run ended with.
  public struct Outcome: Sendable, Equatable {
    public var header: DemoJSONHeader?
    public var status: Int32?
    public var standardError: String
  }

  /// Runs the twin. `ready` is called once with the header (the twin's clock starts then), `entry`
  /// with every entry in order. Cancelling the calling task kills the twin.
  public func run(
    _ parameters: DemoParameters,
    speed: Double,
    ready: @escaping @Sendable (DemoJSONHeader) async -> Void,
    entry: @escaping @Sendable (DemoLogEntry) -> Void
  ) async throws(PythonTwinError) -> Outcome {
    // -I -S: a twin needs only the standard library, so no site packages (their .pth files can
    // cost more than asyncio's import) and no PYTHON* variables; -u unbuffered, -B no bytecode.
    let arguments = ["-I", "-S", "-u", "-B"] + PythonProgram.source(name: demo.pythonFile, text: source).arguments(
      modules: clock.modules + [(Self.helperName, helper)],
      arguments: Self.arguments(parameters, speed: speed),
      exitsAtOnce: true,
      cache: PythonProgram.cacheDirectory(environment: ProcessInfo.processInfo.environment)
    )
    var options = PlatformOptions()
    // Its own process group: a Ctrl-C at the terminal reaches gatherlab, which stops the twin.
    options.processGroupID = 0
    do {
      let result = try await Subprocess.run(
        .path(FilePath(interpreter.executable)),
        arguments: Arguments(arguments),
        environment: .inherit.updating([
          "GATHERLAB_CLOCK": clock.environment["GATHERLAB_CLOCK"], "GATHERLAB_SEED": clock.environment["GATHERLAB_SEED"],
        ]),
        platformOptions: options,
        input: .none,
        output: .sequence,
        error: .sequence
      ) { execution -> (DemoJSONHeader?, String) in
        try await withThrowingTaskGroup(of: String?.self) { group in
          group.addTask {
            var text = ""
            for try await chunk in execution.standardError.strings() where text.utf8.count < 64 * 1024 {
              text += chunk + "\n"
            }
            return text
          }
          var header: DemoJSONHeader?
          for try await line in execution.standardOutput.strings() {
            switch try? DemoJSONLine.parse(line) {
            case .header(let read)?:
              if header == nil {
                header = read
                await ready(read)
              }
            case .entry(let read)?:
              entry(read)
            default:
              continue
            }
          }
          var errorText = ""
          while let next = try await group.next() { errorText += next ?? "" }
          return (header, errorText)
        }
      }
      let status: Int32? =
        if case .exited(let code) = result.terminationStatus { code } else { nil }
      return Outcome(header: result.closureResult.0, status: status, standardError: result.closureResult.1)
    } catch {
      if Task.isCancelled { return Outcome(header: nil, status: nil, standardError: "") }
      throw .couldNotRun(interpreter.path, String(describing: error))
    }
  }
}

/// A twin that could not run.
public enum PythonTwinError: Error, Equatable, CustomStringConvertible {
  case noTwin(String)
  case couldNotRun(String, String)
  case failed(String, String)
  /// The interpreter is missing, is not Python or is too old (the commands exit 69).
  case python(PythonNotFoundError)

  public var description: String {
    switch self {
    case .noTwin(let demo): "The demo '\(demo)' has no Python twin."
    case .couldNotRun(let path, let why): "Could not run '\(path)': \(why)."
    case .failed(let demo, let stderr):
      "The Python twin of '\(demo)' stopped with an error:\n" + stderr.trimmingCharacters(in: .whitespacesAndNewlines)
    case .python(let why): why.description
    }
  }
}
