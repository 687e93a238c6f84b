import ArgumentParser
import Foundation
import LabCore
import LabTerminal

/// `--record FILE`, for every command that runs something: the run's JSON Lines go to FILE as
/// they happen, after a recording header. Adopting it is one line where the run starts:
/// `playback.recorder = try recording.open()` (or feed each JSON line to `write`).
struct RecordOption: ParsableArguments {
  @Option(
    name: .customLong("record"),
    help: ArgumentHelp("Also write the run to FILE (JSON Lines) for 'gatherlab replay' and 'export'.", valueName: "FILE"))
  var path: String?

  /// The recording, its header written; nil without `--record`. A FILE that cannot be written
  /// ends the program with exit code 73 before anything runs.
  func open(clock: PythonClock = .real) throws -> RecordingFile? {
    guard let path else { return nil }
    let environment = ProcessEnvironment.current()
    let size = TerminalCapabilities.currentWindowSize()
      ?? (environment["COLUMNS"].flatMap(Int.init) ?? 80, environment["LINES"].flatMap(Int.init) ?? 24)
    let header = RecordingHeader(
      command: ["gatherlab"] + CommandLine.arguments.dropFirst(),
      columns: size.columns,
      rows: size.rows,
      clock: clock.isVirtual ? "virtual" : nil,
      seed: clock.isVirtual ? clock.seed : nil
    )
    do {
      return try RecordingFile(path: path, header: header)
    } catch {
      StandardError.error(error.description)
      throw ExitCode(73)
    }
  }

  /// After the run: a recording that lost lines (a full disk) is exit 73 too.
  func finish(_ recording: RecordingFile?) throws {
    guard let recording else { return }
    recording.close()
    if let failure = recording.failure {
      StandardError.error(failure.description + " The recording is incomplete")
      throw ExitCode(73)
    }
  }
}
