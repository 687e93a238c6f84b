import ArgumentParser
import Foundation
import LabCore
import LabTerminal

/// `--python-bin PATH`, for the commands that run python3.
struct PythonOptions: ParsableArguments {
  @Option(
    name: .customLong("python-bin"),
    help: ArgumentHelp("The python3 (3.11 or newer) to run, instead of GATHERLAB_PYTHON or python3 on PATH.", valueName: "PATH")
  )
  var pythonBin: String?

  /// The interpreter (a PATH lookup; nothing runs), or exit 69 with the sentence saying what to
  /// install. One that is not Python 3.11+ is found out by the run itself: `exit69(_:)`.
  func interpreter() throws -> PythonInterpreter {
    do {
      return try PythonInterpreter.find(explicit: pythonBin, environment: ProcessEnvironment.current())
    } catch {
      StandardError.error(error.description)
      throw ExitCode(69)
    }
  }

  /// The run found the interpreter not Python 3.11+: the same sentence and exit 69.
  static func exit69(_ why: PythonNotFoundError) -> ExitCode {
    StandardError.error(why.description)
    return ExitCode(69)
  }

  /// A program that could not be traced: 66 for an unreadable file, 69 for no Python 3.11+, else 1,
  /// each with its sentence on stderr (trace, its schedules and check say it the same way).
  static func exit(for error: TraceError) -> ExitCode {
    switch error {
    case .unreadable(let path):
      StandardError.error("Cannot read '\(path)'.")
      return ExitCode(66)
    case .python(let why):
      return exit69(why)
    default:
      StandardError.error(error.description)
      return ExitCode(1)
    }
  }
}
