import ArgumentParser
import LabCore
import LabTerminal

struct TraceCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "trace"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Run your own asyncio program under python3 and draw its tasks live.",
    discussion: """
      The program runs with a small tracer installed before its code: every task (#id, named \
      by name= or by its coroutine and first arguments) is drawn under the task that created \
      it, in its gather or TaskGroup with that one's join, on one time axis, with the \
      program's own output time-stamped beside them. Many tasks of one coroutine fold into one \
      row that counts them by state; the screen left at the end is a summary that fits the \
      terminal (--all prints every task), and after Ctrl-C it shows where each task was waiting. \
      Its traceback, if it raises, follows the timeline, and trace \
      exits with the program's own status (130 after Ctrl-C). Needs python3 3.11 or newer.

      Examples:
        gatherlab trace fetch_all.py
        gatherlab trace crawler.py -- --depth 2
        gatherlab trace fetch_all.py --all
        gatherlab trace fetch_all.py --record crawl.jsonl
        gatherlab trace fetch_all.py --json
      """
  )

  @Argument(help: ArgumentHelp("The Python program to run.", valueName: "file.py"))
  var file: String

  @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments for the program, after --.", valueName: "args"))
  var arguments: [String] = []

  @Flag(help: "Print the tracer's JSON Lines (tasks with id, parent and gather ids; joins; deadlines; output) instead of the timeline.")
  var json = false

  @Flag(name: .customLong("all"), help: "At the end, print every task's row, not a summary that fits the terminal.")
  var everyTask = false

  @OptionGroup var recording: RecordOption

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let program = TracedProgram(interpreter: try pythonOptions.interpreter(), path: file, arguments: arguments)
    let console = StandardConsole(capabilities: output.capabilities())
    var playback = TracePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json)) { text in
      StandardError.write(text)
    }
    playback.showsEveryTask = everyTask
    playback.passErrorOutput = { StandardError.writeBytes($0) }
    let recorder = try recording.open()
    playback.recorder = recorder
    let player = playback
    let (played, interrupted) = await interruptibly { () -> Result<TracePlayback.Traced, TraceError> in
      do throws(TraceError) { return .success(try await player.play(program)) } catch { return .failure(error) }
    }
    try recording.finish(recorder)
    if interrupted { throw ExitCode(130) }
    switch played {
    case .success(let traced):
      if traced.interrupted { throw ExitCode(130) }
      if traced.status != 0 { throw ExitCode(traced.status) }
    case .failure(.unreadable(let path)):
      StandardError.error("Cannot read '\(path)'.")
      throw ExitCode(66)
    case .failure(.python(let why)):
      throw PythonOptions.exit69(why)
    case .failure(let error):
      StandardError.error(error.description)
      throw ExitCode(1)
    }
  }
}
