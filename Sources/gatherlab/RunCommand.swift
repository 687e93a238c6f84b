import ArgumentParser
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

struct RunCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "run"

  // The demos one a line, from the registry: a new demo changes only its own line, never the
  // wrapping of a paragraph (the help golden builds the same lines from the registry).
  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Run one demo with live timing output, then a summary.",
    discussion: """
      Demos:
      \(DemoRegistry.standard.ids.map { "  " + $0 }.joined(separator: "\n"))

      Parameters are key=value; lists are comma separated. `gatherlab list` shows each demo's \
      parameters with their defaults and valid ranges. Ctrl-C stops a demo (exit code 130).

      Examples:
        gatherlab run ordering
        gatherlab run ordering delays=5,1,3
        gatherlab run error-cancel mode=gather
        gatherlab run semaphore tasks=30 limit=10 mode=window --speed 5
        gatherlab run timeout --json
        gatherlab run error-cancel mode=gather --record class.jsonl
        gatherlab run ordering --python      # the Python twin under real CPython
        gatherlab run ordering --python --clock virtual   # ... on virtual time
      """
  )

  @Argument(help: ArgumentHelp("The demo to run.", valueName: "demo"))
  var demo: String?

  @Argument(help: ArgumentHelp("Parameters as key=value, e.g. delays=3,1,2.", valueName: "key=value"))
  var parameters: [String] = []

  @OptionGroup var timing: SpeedOption

  @Flag(help: "Print JSON Lines (a demo header, one line per event, the result) instead of the timeline.")
  var json = false

  @Flag(help: "Run the demo's Python twin under real CPython (3.11 or newer) instead of the Swift demo.")
  var python = false

  @OptionGroup var clockOptions: ClockOptions

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions
  @OptionGroup var recording: RecordOption

  func validate() throws {
    if !python, clockOptions.clock != nil || clockOptions.seed != nil {
      throw ValidationError("--clock and --seed are for the Python twin: add --python.")
    }
  }

  func run() async throws {
    let launch: DemoLaunch
    do {
      launch = try DemoLaunch(demo: demo, arguments: parameters, speed: timing.speed)
    } catch {
      throw UsageError(error.description)
    }

    let console = StandardConsole(capabilities: output.capabilities())
    let recorder = try recording.open(clock: python ? clockOptions.resolved : .real)
    if python {
      try await runTwin(launch.demo, parameters: launch.parameters, console: console, recorder: recorder)
      try recording.finish(recorder)
      return
    }
    let player = InterruptibleDemoPlayer(console: console, json: json, recorder: recorder)
    let report = await player.play(launch)
    try recording.finish(recorder)
    if report.outcome == .interrupted {
      throw ExitCode(130)
    }
  }

  private func runTwin(
    _ demo: any Demo,
    parameters: DemoParameters,
    console: StandardConsole,
    recorder: (any RunLineSink)?
  ) async throws {
    var configuredTwin = try PythonTwin(demo: demo, interpreter: try pythonOptions.interpreter())
    configuredTwin.clock = clockOptions.resolved
    let twin = configuredTwin
    var configured = DemoPlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json), speed: timing.speed)
    configured.recorder = recorder
    let playback = configured
    let (played, interrupted) = await interruptibly { () -> Result<DemoReport, PythonTwinError> in
      do throws(PythonTwinError) { return .success(try await playback.play(twin, parameters: parameters)) } catch { return .failure(error) }
    }
    if interrupted { throw ExitCode(130) }
    switch played {
    case .success(let report) where report.outcome == .interrupted: throw ExitCode(130)
    case .success: return
    case .failure(.python(let why)): throw PythonOptions.exit69(why)
    case .failure(let error):
      StandardError.error(error.description)
      throw ExitCode(1)
    }
  }
}
