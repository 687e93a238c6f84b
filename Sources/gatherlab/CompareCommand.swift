import ArgumentParser
import LabCore
import LabTerminal

struct CompareCommand: AsyncParsableCommand, GatherlabSubcommand {
  static let name = "compare"

  static let configuration = CommandConfiguration(
    commandName: name,
    abstract: "Run a demo in Swift and its twin under real CPython on one time axis, then say what agrees.",
    discussion: """
      The Python twin starts first; once CPython is ready, both runs start together and each is \
      timed from its own start. Needs python3 3.11 or newer (--python-bin, GATHERLAB_PYTHON or \
      python3 on PATH); exits 69 without it. With --clock virtual the twin runs on virtual \
      time (its sleeps take no time, its instants are exact) beside the Swift demo's real ones.

      Examples:
        gatherlab compare ordering
        gatherlab compare error-cancel mode=gather
        gatherlab compare semaphore limit=3 --speed 5
        gatherlab compare timeout --json
        gatherlab compare ordering --clock virtual
      """
  )

  @Argument(help: ArgumentHelp("The demo to compare.", valueName: "demo"))
  var demo: String?

  @Argument(help: ArgumentHelp("Parameters as key=value, e.g. delays=3,1,2.", valueName: "key=value"))
  var parameters: [String] = []

  @OptionGroup var timing: SpeedOption

  @Flag(help: "Print JSON Lines: the Swift run, the CPython run (its header names the runtime), then a comparison line.")
  var json = false

  @OptionGroup var clockOptions: ClockOptions

  @OptionGroup var pythonOptions: PythonOptions

  @OptionGroup var output: OutputOptions

  func run() async throws {
    let registry = DemoRegistry.standard
    guard let name = self.demo else {
      throw UsageError("Which demo? Choose one of: \(registry.ids.joined(separator: ", ")).")
    }
    let demo: any Demo
    let values: DemoParameters
    do {
      demo = try registry.demo(named: name)
      let pairs = try DemoParameters.pairs(from: parameters, demo: demo.id, valid: demo.parameterNames)
      values = try demo.resolve([pairs])
    } catch {
      throw UsageError(String(describing: error))
    }
    var configured = try PythonTwin(demo: demo, interpreter: try pythonOptions.interpreter())
    configured.clock = clockOptions.resolved
    let twin = configured
    let console = StandardConsole(capabilities: output.capabilities())
    let playback = ComparePlayback(console: console, mode: DemoPlayback.mode(for: console.capabilities, json: json), speed: timing.speed)
    let (played, interrupted) = await interruptibly { () -> Result<ComparePlayback.Played, PythonTwinError> in
      do throws(PythonTwinError) { return .success(try await playback.play(twin, parameters: values)) } catch { return .failure(error) }
    }
    if interrupted { throw ExitCode(130) }
    if case .failure(.python(let why)) = played { throw PythonOptions.exit69(why) }
    if case .failure(let error) = played {
      StandardError.error(error.description)
      throw ExitCode(1)
    }
  }
}
