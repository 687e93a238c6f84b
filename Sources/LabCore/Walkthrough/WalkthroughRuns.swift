import LabTerminal

/// The walkthrough's `compare`, `trace [N]`, and what it does with the last run: `save FILE`,
/// `replay`, `step` (DESIGN §5, §10, §11).
extension Walkthrough {
  /// The last run's lines, as a recording's would follow its header, and the command that made it.
  struct LastRun {
    /// The prompt command, without `gatherlab`: `["run", "ordering", "delays=3,1,2"]`.
    var command: [String]
    var lines: [String]
  }

  /// What the last-run commands say before anything has run.
  static let nothingToReplay = "Nothing to replay yet: 'run' a demo first."

  /// Keeps `lines` as the last run, when the run wrote any.
  func remember(_ command: [String], _ lines: RunLineBuffer) {
    let written = lines.lines
    guard !written.isEmpty else { return }
    lastRun = LastRun(command: command, lines: written)
  }

  /// The recording header the last run is saved under: the command, at this console's size.
  func recordingHeader(for run: LastRun) -> RecordingHeader {
    RecordingHeader(command: ["gatherlab"] + run.command, columns: width, rows: rows)
  }

  /// `compare [DEMO] [k=v ...]`: the demo (the lesson's, with its parameters, unless named)
  /// beside its Python twin.
  func compare(named name: String?, arguments: [String]) async {
    let launch: DemoLaunch
    do {
      launch = try DemoLaunch(demo: name ?? lesson.demo, arguments: arguments, lesson: lesson, speed: progress.speed, registry: registry)
    } catch {
      say(error.description)
      return
    }
    guard let tools else {
      say("'compare' cannot run here; 'gatherlab compare \(launch.demo.id)' at the shell can.")
      return
    }
    let lines = RunLineBuffer()
    switch await tools.compare(launch.demo, parameters: launch.parameters, speed: launch.speed, recorder: lines) {
    case .done: break
    case .interrupted: say("Compare stopped.", style: .dim)
    case .failed(let sentence): say(sentence)
    }
    remember(["compare", launch.demo.id] + arguments, lines)
  }

  /// `trace [N]`: the current lesson's Nth runnable Python program, traced under CPython. Only
  /// the bundled course runs unasked.
  func trace(_ number: String?) async {
    let programs = lesson.document.pythonPrograms
    guard !programs.isEmpty else {
      say("This lesson has no Python program to trace; 'gatherlab trace FILE.py' at the shell traces your own.")
      return
    }
    let range = programs.count == 1 ? "'trace' traces it" : "'trace 1' to 'trace \(programs.count)'"
    let count = programs.count == 1 ? "one Python program" : "\(programs.count) Python programs"
    let chosen: Int? = if let number { Int(number) } else { 1 }
    guard let index = chosen, programs.indices.contains(index - 1) else {
      say("This lesson has \(count): \(range).")
      return
    }
    guard let tools else {
      say("'trace' cannot run here.")
      return
    }
    guard allowsPython() else { return }
    switch await tools.trace(code: programs[index - 1].code, name: "\(lesson.id)-\(index).py") {
    case .done: break
    case .interrupted: say("Trace stopped.", style: .dim)
    case .failed(let sentence): say(sentence)
    }
  }

  /// `save FILE`: the last run as a recording `gatherlab replay FILE` and `export` read.
  func saveLastRun(to path: String) {
    guard let lastRun else {
      say("Nothing to save yet: 'run' a demo first.")
      return
    }
    let file: RecordingFile
    do {
      file = try RecordingFile(path: path, header: recordingHeader(for: lastRun))
    } catch {
      say(error.description)
      return
    }
    for line in lastRun.lines { file.write(line) }
    file.close()
    if let failure = file.failure {
      say(failure.description + " The recording is incomplete.")
      return
    }
    say("Saved '\(lastRun.command.joined(separator: " "))' to \(path); 'gatherlab replay \(path)' draws it again.")
  }

  /// `replay` and `step`: the last run drawn again, or event by event.
  func replayLastRun(stepping: Bool) async {
    guard let lastRun else {
      say(Self.nothingToReplay)
      return
    }
    let text = ([recordingHeader(for: lastRun).line] + lastRun.lines).joined(separator: "\n") + "\n"
    let recording: Recording
    do {
      recording = try Recording.parse(text, file: "the last run")
    } catch {
      say("The last run cannot be replayed: \(error.problem).")
      return
    }
    guard let tools else {
      say("'\(stepping ? "step" : "replay")' cannot run here; 'save FILE', then 'gatherlab replay FILE' at the shell.")
      return
    }
    let run = RecordedRun(recording, registry: registry)
    let outcome = stepping ? await tools.step(run) : await tools.replay(run)
    switch outcome {
    case .done: break
    case .interrupted: say("Replay stopped.", style: .dim)
    case .failed(let sentence): say(sentence)
    }
  }
}
