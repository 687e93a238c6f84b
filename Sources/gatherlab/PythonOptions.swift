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

  /// The interpreter, or exit 69 with the sentence saying what to install.
  func interpreter() async throws -> PythonInterpreter {
    do {
      return try await PythonInterpreter.find(explicit: pythonBin, environment: ProcessEnvironment.current())
    } catch {
      StandardError.error(error.description)
      throw ExitCode(69)
    }
  }
}
