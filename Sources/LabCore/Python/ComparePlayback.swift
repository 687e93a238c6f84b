import LabTerminal
import Synchronization

/// `compare`: the Swift demo and its Python twin from the same instant, drawn on one time axis
/// (two panels sharing it), then what agrees and what differs.
///
/// The twin starts first; once it reports ready (CPython's start-up is not counted) both runs'
/// clocks start and the Swift demo runs. Each run is timed from its own start.
public struct ComparePlayback: Sendable {
  public let console: any Console
  public let mode: DemoPlayback.Mode
  public let speed: DemoSpeed
  public var frameInterval: Duration = .milliseconds(50)
  /// Gets the CPython run's JSON Lines once both runs have ended (the walkthrough's `save`).
  public var recorder: (any RunLineSink)?

  public init(console: any Console, mode: DemoPlayback.Mode, speed: DemoSpeed) {
    self.console = console
    self.mode = mode
    self.speed = speed
  }

  /// Both runs and their comparison; nil for a run that was interrupted before it ended.
  public struct Played: Sendable {
    public var comparison: DemoComparison
    public var interrupted: Bool
  }

  /// Runs `twin` and the Swift demo beside it, on a `ScaledClock` at the playback's speed.
  public func play(_ twin: PythonTwin, parameters: DemoParameters) async throws(PythonTwinError) -> Played {
    try await play(twin, parameters: parameters, clock: ScaledClock(speed: speed))
  }

  /// Runs `twin` and the Swift demo beside it. `clock` reads nominal seconds (a `ScaledClock` at
  /// the playback's speed; a test clock in tests): the Swift demo runs on it, both runs are timed
  /// on it, each from its own start, and it paces the live view's frames (`frameInterval` of
  /// real time is `frameInterval × speed` nominal). The twin's events carry its own instants.
  public func play<C: Clock>(
    _ twin: PythonTwin, parameters: DemoParameters, clock: C
  ) async throws(PythonTwinError) -> Played where C.Duration == Duration {
    let demo = twin.demo
    let started = TwinStart.start(twin, parameters: parameters, speed: speed.value)
    guard let header = await started.ready() else {
      throw await started.failure(await started.outcome())
    }
    let runtime = header.runtime ?? "Python"
    let plan = demo.plan(resolved: parameters)
    let pythonPlan = demo.plan(resolved: parameters, runtime: runtime)
    let title = DemoTranscript.title(demo: demo.id, parameters: parameters)
    let nameWidth = (plan.tasks.map { DisplayWidth.of($0.name) }.max() ?? 1) + 1
    let console = console, mode = mode
    let swiftEntries = EntryLog(), pythonEntries = EntryLog()
    let keeps = mode == .json || recorder != nil
    func logger(_ tag: String, _ kept: EntryLog) -> @Sendable (DemoLogEntry) -> Void {
      guard mode == .lines else {
        if keeps { return { entry in kept.append(entry) } }
        return { _ in }
      }
      return { entry in
        if keeps { kept.append(entry) }
        if let line = DemoTranscript.line(entry, nameWidth: nameWidth) { console.writeLine(tag + line) }
      }
    }
    if mode == .lines {
      console.writeLines([StyledText("compare · " + title + (speed == .normal ? "" : " · speed \(speed)×"), style: .bold)])
    }
    // Both start now, once the twin is ready: each run is timed from here.
    let swiftSession = DemoSession(clock: clock, plan: plan, log: logger("Swift   ", swiftEntries))
    let pythonSession = DemoSession(clock: clock, plan: pythonPlan, log: logger("CPython ", pythonEntries))
    let frame: @Sendable (Bool) -> [StyledText] = { [speed = speed.value] isFinal in
      Self.panels(swift: swiftSession.snapshot(title: "Swift · " + title, speed: speed, isFinal: isFinal),
                  python: pythonSession.snapshot(title: runtime + " · " + title, speed: speed, isFinal: isFinal),
                  width: console.currentSize()?.columns ?? console.capabilities.width,
                  height: mode == .live ? (console.currentSize()?.rows ?? console.capabilities.height ?? 24) : nil)
    }
    let view = mode == .live ? LiveView(console: console) : nil
    view?.begin()
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await started.record(into: pythonSession) }
      group.addTask { await demo.run(resolved: parameters, session: swiftSession) }
      if let view {
        group.addTask { [frameInterval = frameInterval * speed.value] in
          while !Task.isCancelled {
            view.draw(frame(false))
            try? await clock.sleep(for: frameInterval)
          }
        }
      }
      await group.next()
      await group.next()
      group.cancelAll()
    }
    view?.end()
    let interrupted = Task.isCancelled
    if interrupted {
      swiftSession.interrupt()
      pythonSession.interrupt()
    }
    let outcome = await started.outcome()
    if !interrupted, outcome.status != 0 { throw await started.failure(outcome) }

    func run(_ session: DemoSession<C>, _ runtime: String) -> DemoComparison.Run {
      var report = session.report(demo: demo.id, parameters: parameters, speed: speed.value)
      if runtime != "Swift" { report.runtime = runtime }
      let rows = session.snapshot(title: "", speed: speed.value).rows.filter { $0.phase == plan.phases.last }
      return DemoComparison.Run(
        runtime: runtime, report: report,
        endedAt: Dictionary(rows.compactMap { row in row.endedAt.map { (row.name, $0) } }, uniquingKeysWith: { a, _ in a })
      )
    }
    let comparison = DemoComparison(swift: run(swiftSession, "Swift"), python: run(pythonSession, runtime), speed: speed.value)
    if let recorder {
      recorder.write(DemoJSON.header(demo: demo.id, parameters: parameters, speed: speed.value, runtime: runtime))
      for entry in pythonEntries.all { recorder.write(DemoJSON.entry(entry)) }
      recorder.write(DemoJSON.result(comparison.python.report))
    }
    let width = console.currentSize()?.columns ?? console.capabilities.width
    switch mode {
    case .json:
      let runs: [(EntryLog, DemoReport, String?)] = [
        (swiftEntries, comparison.swift.report, nil), (pythonEntries, comparison.python.report, runtime),
      ]
      for (entries, report, runtime) in runs {
        console.writeLine(DemoJSON.header(demo: demo.id, parameters: parameters, speed: speed.value, runtime: runtime))
        for entry in entries.all { console.writeLine(DemoJSON.entry(entry)) }
        console.writeLine(DemoJSON.result(report))
      }
      console.writeLine(comparison.json)
    case .lines, .live:
      var lines: [StyledText] = []
      if console.capabilities.isTTY { lines += [StyledText()] + frame(true) }
      lines += [StyledText()] + comparison.lines(width: width)
      console.writeLines(lines)
    }
    return Played(comparison: comparison, interrupted: interrupted)
  }

  /// The two timelines, one above the other, on the same time axis.
  static func panels(swift: TimelineSnapshot, python: TimelineSnapshot, width: Int, height: Int?) -> [StyledText] {
    var swift = swift, python = python
    let now = max(swift.now, python.now)
    // Everything either axis would stretch to (a CPython task that started later plans to end
    // later), so both end at the same instant.
    let marks: [Double] = [swift, python].flatMap { snapshot -> [Double] in
      [snapshot.horizon, snapshot.deadline ?? 0, snapshot.join?.time ?? 0]
    }
    let rowMarks: [Double] = (swift.rows + python.rows).flatMap { row -> [Double] in
      [row.endedAt, row.startedAt, row.plannedEnd].compactMap { $0 }
    }
    let horizon = ([now] + marks + rowMarks).max() ?? now
    swift.horizon = horizon
    python.horizon = horizon
    swift.now = now
    python.now = now
    let half = height.map { max(6, ($0 - 1) / 2) }
    // One status column for both, so their bars, and the axes under them, line up.
    let statusWidth = max(TimelineRenderer.widestStatus(swift), TimelineRenderer.widestStatus(python))
    return TimelineRenderer.render(swift, width: width, height: half, statusWidth: statusWidth) + [StyledText()]
      + TimelineRenderer.render(python, width: width, height: half, statusWidth: statusWidth)
  }
}

/// The entries of a run, kept for printing once it has ended.
final class EntryLog: Sendable {
  private let entries = Mutex<[DemoLogEntry]>([])
  func append(_ entry: DemoLogEntry) { entries.withLock { $0.append(entry) } }
  var all: [DemoLogEntry] { entries.withLock { $0 } }
}
