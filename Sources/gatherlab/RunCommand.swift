import ArgumentParser
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

struct RunCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run one demo with live timing output, then a summary.",
    discussion: """
      Demos: \(DemoRegistry.standard.ids.joined(separator: ", ")). \
      Parameters are key=value; lists are comma separated. `gatherlab list` shows each demo's \
      parameters with their defaults and valid ranges. Ctrl-C stops a demo (exit code 130).

      Examples:
        gatherlab run ordering
        gatherlab run ordering delays=5,1,3
        gatherlab run error-cancel mode=gather
        gatherlab run semaphore tasks=30 limit=10 mode=window --speed 5
        gatherlab run timeout --json
        gatherlab run ordering --python      # the Python twin under real CPython
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

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let registry = DemoRegistry.standard
    let demo: any Demo
    let values: DemoParameters
    guard let name = self.demo else {
      throw UsageError("Which demo? Choose one of: \(registry.ids.joined(separator: ", ")).")
    }
    do {
      demo = try registry.demo(named: name)
      let pairs = try DemoParameters.pairs(from: parameters, demo: demo.id, valid: demo.parameterNames)
      values = try demo.resolve([pairs])
    } catch {
      throw UsageError(String(describing: error))
    }

    let console = StandardConsole(capabilities: output.capabilities())
    if python {
      try await runTwin(demo, parameters: values, console: console)
      return
    }
    let player = InterruptibleDemoPlayer(console: console, json: json)
    let report = await player.play(demo, parameters: values, speed: timing.speed)
    if report.outcome == .interrupted {
      throw ExitCode(130)
    }
  }

  private func runTwin(_ demo: any Demo, parameters: DemoParameters, console: StandardConsole) async throws {
    let twin = try PythonTwin(demo: demo, interpreter: try await pythonOptions.interpreter())
    let playback = DemoPlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json), speed: timing.speed)
    let (played, interrupted) = await interruptibly { () -> Result<DemoReport, PythonTwinError> in
      do throws(PythonTwinError) { return .success(try await playback.play(twin, parameters: parameters)) } catch { return .failure(error) }
    }
    if interrupted { throw ExitCode(130) }
    switch played {
    case .success(let report) where report.outcome == .interrupted: throw ExitCode(130)
    case .success: return
    case .failure(let error):
      StandardError.error(error.description)
      throw ExitCode(1)
    }
  }
}
