import ArgumentParser
import LabCore
import LabTerminal

struct TraceCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "trace"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Run your own asyncio program under python3 and draw its tasks live.",
    discussion: """
      The program runs with a small tracer installed before its code: every task (named by \
      name= or by its coroutine and first arguments), each gather's join, a TaskGroup's exit \
      and each timeout's deadline are drawn on one time axis, with the program's own output \
      time-stamped beside them. Its traceback, if it raises, follows the timeline, and trace \
      exits with the program's own status (130 after Ctrl-C). Needs python3 3.11 or newer.

      Examples:
        gatherlab trace fetch_all.py
        gatherlab trace crawler.py -- --depth 2
        gatherlab trace fetch_all.py --json
      """
  )

  @Argument(help: ArgumentHelp("The Python program to run.", valueName: "file.py"))
  var file: String

  @Argument(parsing: .postTerminator, help: ArgumentHelp("Arguments for the program, after --.", valueName: "args"))
  var arguments: [String] = []

  @Flag(help: "Print the tracer's JSON Lines (tasks with id, parent and gather ids; joins; deadlines; output) instead of the timeline.")
  var json = false

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let program = TracedProgram(interpreter: try pythonOptions.interpreter(), path: file, arguments: arguments)
    let console = StandardConsole(capabilities: output.capabilities())
    let playback = TracePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json)) { text in
      StandardError.write(text)
    }
    let (played, interrupted) = await interruptibly { () -> Result<TracePlayback.Traced, TraceError> in
      do throws(TraceError) { return .success(try await playback.play(program)) } catch { return .failure(error) }
    }
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
