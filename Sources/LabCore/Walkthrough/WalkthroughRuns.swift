import LabTerminal

/// The runs made at the walkthrough's prompt and what it keeps of them (DESIGN §5, §10, §11):
/// demos played live, `compare`, `trace [N]`, and the last run's `save FILE`, `replay` and `step`.
@MainActor
final class WalkthroughRuns {
  /// The last run's lines, as a recording's would follow its header, and the command that made it.
  struct LastRun {
    /// The prompt command, without `gatherlab`: `["run", "ordering", "delays=3,1,2"]`.
    var command: [String]
    var lines: [String]
  }

  /// What the last-run commands say before anything has run.
  static let nothingToReplay = "Nothing to replay yet: 'run' a demo first."

  let registry: DemoRegistry
  let player: any DemoPlaying
  /// `compare`, `trace`, `replay` and `step`; nil where they cannot run (they say so).
  let tools: (any WalkthroughTools)?
  private let screen: WalkthroughScreen
  private let trust: PythonTrust
  /// The last run's JSON Lines (a demo, a prediction's run, a compare), for `save`, `replay`, `step`.
  private(set) var lastRun: LastRun?

  init(registry: DemoRegistry, player: any DemoPlaying, tools: (any WalkthroughTools)?, screen: WalkthroughScreen, trust: PythonTrust) {
    self.registry = registry
    self.player = player
    self.tools = tools
    self.screen = screen
    self.trust = trust
  }

  /// Runs a demo through the player — the one place the walkthrough plays one — and returns its
  /// run, or nil (with the reason said) when the name or the arguments are wrong. `lesson`'s own
  /// `params` apply to its own demo (nil: a prediction's `run` says everything its run needs).
  @discardableResult
  func runDemo(named name: String?, arguments: [String], lesson: Lesson?, speed: Double) async -> DemoRun? {
    do {
      let launch = try DemoLaunch(demo: name ?? lesson?.demo, arguments: arguments, lesson: lesson, speed: speed, registry: registry)
      let lines = RunLineBuffer()
      let run = await player.playRun(launch.demo, parameters: launch.parameters, speed: launch.speed, recorder: lines)
      remember(["run", launch.demo.id] + arguments, lines)
      return run
    } catch {
      screen.say(error.description)
      return nil
    }
  }

  /// `compare [DEMO] [k=v ...]`: the demo (the lesson's, with its parameters, unless named)
  /// beside its Python twin.
  func compare(named name: String?, arguments: [String], lesson: Lesson, speed: Double) async {
    let launch: DemoLaunch
    do {
      launch = try DemoLaunch(demo: name ?? lesson.demo, arguments: arguments, lesson: lesson, speed: speed, registry: registry)
    } catch {
      screen.say(error.description)
      return
    }
    guard let tools else {
      screen.say("'compare' cannot run here; 'gatherlab compare \(launch.demo.id)' at the shell can.")
      return
    }
    let lines = RunLineBuffer()
    report(await tools.compare(launch.demo, parameters: launch.parameters, speed: launch.speed, recorder: lines), stopped: "Compare stopped.")
    remember(["compare", launch.demo.id] + arguments, lines)
  }

  /// `trace [N]`: the lesson's Nth runnable Python program, traced under CPython. Only the
  /// bundled course runs unasked.
  func trace(_ number: String?, in lesson: Lesson) async {
    let programs = lesson.document.pythonPrograms
    guard !programs.isEmpty else {
      screen.say("This lesson has no Python program to trace; 'gatherlab trace FILE.py' at the shell traces your own.")
      return
    }
    let range = programs.count == 1 ? "'trace' traces it" : "'trace 1' to 'trace \(programs.count)'"
    let count = programs.count == 1 ? "one Python program" : "\(programs.count) Python programs"
    let chosen: Int? = if let number { Int(number) } else { 1 }
    guard let index = chosen, programs.indices.contains(index - 1) else {
      screen.say("This lesson has \(count): \(range).")
      return
    }
    guard let tools else {
      screen.say("'trace' cannot run here.")
      return
    }
    guard trust.allowsPython() else { return }
    report(await tools.trace(code: programs[index - 1].code, name: "\(lesson.id)-\(index).py"), stopped: "Trace stopped.")
  }

  /// `save FILE`: the last run as a recording `gatherlab replay FILE` and `export` read.
  func saveLastRun(to path: String) {
    guard let lastRun else {
      screen.say("Nothing to save yet: 'run' a demo first.")
      return
    }
    let file: RecordingFile
    do {
      file = try RecordingFile(path: path, header: recordingHeader(for: lastRun))
    } catch {
      screen.say(error.description)
      return
    }
    for line in lastRun.lines { file.write(line) }
    file.close()
    if let failure = file.failure {
      screen.say(failure.description + " The recording is incomplete.")
      return
    }
    screen.say("Saved '\(lastRun.command.joined(separator: " "))' to \(path); 'gatherlab replay \(path)' draws it again.")
  }

  /// `replay` and `step`: the last run drawn again, or event by event.
  func replayLastRun(stepping: Bool) async {
    guard let lastRun else {
      screen.say(Self.nothingToReplay)
      return
    }
    let text = ([recordingHeader(for: lastRun).line] + lastRun.lines).joined(separator: "\n") + "\n"
    let recording: Recording
    do {
      recording = try Recording.parse(text, file: "the last run")
    } catch {
      screen.say("The last run cannot be replayed: \(error.problem).")
      return
    }
    guard let tools else {
      screen.say("'\(stepping ? "step" : "replay")' cannot run here; 'save FILE', then 'gatherlab replay FILE' at the shell.")
      return
    }
    let run = RecordedRun(recording, registry: registry)
    report(stepping ? await tools.step(run) : await tools.replay(run), stopped: "Replay stopped.")
  }

  /// Keeps `lines` as the last run, when the run wrote any.
  private func remember(_ command: [String], _ lines: RunLineBuffer) {
    let written = lines.lines
    guard !written.isEmpty else { return }
    lastRun = LastRun(command: command, lines: written)
  }

  /// The recording header the last run is saved under: the command, at this console's size.
  private func recordingHeader(for run: LastRun) -> RecordingHeader {
    RecordingHeader(command: ["gatherlab"] + run.command, columns: screen.width, rows: screen.rows)
  }

  private func report(_ outcome: ToolOutcome, stopped: String) {
    switch outcome {
    case .done: break
    case .interrupted: screen.say(stopped, style: .dim)
    case .failed(let sentence): screen.say(sentence)
    }
  }
}
