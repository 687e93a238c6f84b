import LabTerminal

/// Plays a demo to a console: on a real clock scaled by `speed`, with the live timeline on a
/// terminal, one line per event otherwise, or JSON Lines; always ending with the summary (or the
/// JSON result). Cancelling the calling task interrupts the demo.
public struct DemoPlayback: Sendable {
  /// How the run is shown.
  public enum Mode: Sendable, Equatable {
    /// The timeline redrawn in place about 20 times a second.
    case live
    /// One plain line per event, no cursor movement.
    case lines
    /// JSON Lines only.
    case json
  }

  public let console: any Console
  public let mode: Mode
  public let speed: DemoSpeed
  /// Time between redraws of the live timeline (real time).
  public var frameInterval: Duration = .milliseconds(50)
  /// Gets the run's JSON Lines as they happen, whatever the mode shows (`--record FILE`).
  public var recorder: (any RunLineSink)?

  public init(console: any Console, mode: Mode, speed: DemoSpeed = .normal) {
    self.console = console
    self.mode = mode
    self.speed = speed
  }

  /// The mode a console calls for: JSON when asked, live on a terminal that can move the cursor.
  public static func mode(for capabilities: TerminalCapabilities, json: Bool) -> Mode {
    json ? .json : capabilities.cursorMovement ? .live : .lines
  }

  public func play(_ demo: any Demo, parameters: DemoParameters) async -> DemoReport {
    await play(demo, parameters: parameters, clock: ScaledClock(speed: speed))
  }

  /// What produces a run's entries: the demo's own Swift code, or another source (a Python twin)
  /// that records entries with `DemoSession.record`.
  public typealias Source<C: Clock> = @Sendable (DemoSession<C>) async -> Void where C.Duration == Duration

  /// Plays on `clock` (tests pass a test clock). `runtime` names a runtime other than Swift
  /// ("CPython 3.11.7"), whose `source` records the entries instead of the demo's Swift code.
  public func play<C: Clock>(
    _ demo: any Demo,
    parameters: DemoParameters,
    clock: C,
    runtime: String? = nil,
    source: (Source<C>)? = nil
  ) async -> DemoReport
  where C.Duration == Duration {
    await playRun(demo, parameters: parameters, clock: clock, runtime: runtime, source: source).report
  }

  /// Plays on a real clock scaled by `speed`, keeping the final timeline too.
  public func playRun(_ demo: any Demo, parameters: DemoParameters) async -> DemoRun {
    await playRun(demo, parameters: parameters, clock: ScaledClock(speed: speed))
  }

  /// Plays on `clock`, returning the report and the final timeline (for a verdict to point at).
  public func playRun<C: Clock>(
    _ demo: any Demo,
    parameters: DemoParameters,
    clock: C,
    runtime: String? = nil,
    source: (Source<C>)? = nil
  ) async -> DemoRun
  where C.Duration == Duration {
    let plan = demo.plan(resolved: parameters, runtime: runtime)
    let title = DemoTranscript.title(demo: demo.id, parameters: parameters) + (runtime.map { " · " + $0 } ?? "")
    let run: Source<C> = source ?? { session in await demo.run(resolved: parameters, session: session) }
    let nameWidth = DemoTranscript.labelWidth(plan)
    let console = console
    let recorder = recorder
    recorder?.write(DemoJSON.header(demo: demo.id, parameters: parameters, speed: speed.value, runtime: runtime))
    let show: @Sendable (DemoLogEntry) -> Void
    switch mode {
    case .json:
      console.writeLine(DemoJSON.header(demo: demo.id, parameters: parameters, speed: speed.value, runtime: runtime))
      show = { entry in console.writeLine(DemoJSON.entry(entry)) }
    case .lines:
      console.writeLines([StyledText(title + (speed == .normal ? "" : " · speed \(speed)×"), style: .bold)])
      show = { entry in
        if let line = DemoTranscript.line(entry, nameWidth: nameWidth) { console.writeLine(line) }
      }
    case .live:
      show = { _ in }
    }
    let log: @Sendable (DemoLogEntry) -> Void = { entry in
      recorder?.write(DemoJSON.entry(entry))
      show(entry)
    }

    let session = DemoSession(clock: clock, plan: plan, log: log)
    if mode == .live {
      await playLive(run, session: session, title: title)
    } else {
      await run(session)
    }
    if Task.isCancelled { session.interrupt() }
    var report = session.report(demo: demo.id, parameters: parameters, speed: speed.value)
    report.runtime = runtime
    recorder?.write(DemoJSON.result(report))

    switch mode {
    case .json:
      console.writeLine(DemoJSON.result(report))
    case .lines, .live:
      var lines: [StyledText] = []
      let width = console.currentSize()?.columns ?? console.capabilities.width
      if console.capabilities.isTTY {
        // At most a screenful: a run of a hundred tasks folds its rows as the live view does.
        let rows = console.currentSize()?.rows ?? console.capabilities.height
        lines += [StyledText()]
          + TimelineRenderer.render(session.snapshot(title: title, speed: speed.value, isFinal: true), width: width, height: rows)
      }
      lines += [StyledText()] + DemoTranscript.summary(report, takeaway: demo.takeaway(report), width: width)
      console.writeLines(lines)
    }
    return DemoRun(report: report, timeline: session.snapshot(title: title, speed: speed.value, isFinal: true))
  }

  private func playLive<C: Clock>(
    _ run: @escaping Source<C>,
    session: DemoSession<C>,
    title: String
  ) async where C.Duration == Duration {
    let view = LiveView(console: console)
    view.begin()
    await withTaskGroup(of: Void.self) { group in
      group.addTask {
        await run(session)
      }
      group.addTask { [console, speed, frameInterval] in
        while !Task.isCancelled {
          let size = console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
          view.draw(TimelineRenderer.render(session.snapshot(title: title, speed: speed.value), width: size.columns, height: size.rows))
          try? await Task.sleep(for: frameInterval)
        }
      }
      await group.next()
      group.cancelAll()
    }
    view.end()
  }
}
