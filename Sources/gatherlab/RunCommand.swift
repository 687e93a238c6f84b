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
      """
  )

  @Argument(help: ArgumentHelp("The demo to run.", valueName: "demo"))
  var demo: String?

  @Argument(help: ArgumentHelp("Parameters as key=value, e.g. delays=3,1,2.", valueName: "key=value"))
  var parameters: [String] = []

  @OptionGroup var timing: SpeedOption

  @Flag(help: "Print JSON Lines (a demo header, one line per event, the result) instead of the timeline.")
  var json = false

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let launch: DemoLaunch
    do {
      launch = try DemoLaunch(demo: demo, arguments: parameters, speed: timing.speed)
    } catch {
      throw UsageError(error.description)
    }

    let console = StandardConsole(capabilities: output.capabilities())
    let player = InterruptibleDemoPlayer(console: console, json: json)
    let report = await player.play(launch)
    if report.outcome == .interrupted {
      throw ExitCode(130)
    }
  }
}
