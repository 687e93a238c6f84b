import LabTerminal

/// Plays a recording back to a console as the run was shown: the live timeline redrawn in place
/// on a terminal, one plain line per entry otherwise, or the recorded JSON Lines unchanged; then
/// the final timeline and the summary, as a live run ends.
///
/// Frames are drawn at fixed nominal instants (`RecordedRun.frameInstants`), each when its time
/// comes at `speed`: a slow machine may draw a frame late, never a different frame.
public struct ReplayPlayback: Sendable {
  public let console: any Console
  public let mode: DemoPlayback.Mode
  /// The time scale of the replay: the recorded speed unless the user chose another.
  public let speed: Double
  /// Nominal seconds between frames of the live view.
  public var frameInterval = 0.05

  public init(console: any Console, mode: DemoPlayback.Mode, speed: Double) {
    self.console = console
    self.mode = mode
    self.speed = speed
  }

  /// Plays `run` on `clock`; returns false when the calling task was cancelled (Ctrl-C) first.
  public func play<C: Clock>(_ run: RecordedRun, clock: C) async -> Bool where C.Duration == Duration {
    let start = clock.now
    func wait(until time: Double) async -> Bool {
      let deadline = start.advanced(by: .seconds(time / speed))
      if deadline > clock.now { try? await clock.sleep(until: deadline, tolerance: nil) }
      return !Task.isCancelled
    }
    switch mode {
    case .json:
      for line in run.recording.lines { console.writeLine(line) }
      return true
    case .lines:
      console.writeLines([StyledText(title(run), style: .bold)])
      var shown = 0.0
      if let trace = TraceRecording(run.recording) {
        // A trace's recording: the lines `trace` printed (tasks by trace id, the program's
        // output), and its stderr where it came.
        var state = TraceState(keepsTimeline: false)
        for (line, time) in zip(trace.lines, trace.instants) {
          guard await wait(until: time) else { return stopped(run, at: shown) }
          shown = time
          if line.type == "error-output" {
            if let text = line.text, !text.isEmpty { console.write(text) }
            continue
          }
          var text: [UInt8] = []
          state.apply(.trace("", line), at: time, appendingLinesTo: &text)
          if !text.isEmpty { console.write(String(decoding: text, as: UTF8.self)) }
        }
        ending(run)
        return true
      }
      let nameWidth = DemoTranscript.labelWidth(run.plan)
      // Applied as a live run applies them, so each line names its row's index and rank.
      var timeline = RunTimeline(plan: run.plan)
      for (entry, time) in zip(run.recording.entries, run.instants) {
        guard await wait(until: time) else { return stopped(run, at: shown) }
        shown = time
        if let line = DemoTranscript.line(timeline.apply(entry), nameWidth: nameWidth) { console.writeLine(line) }
      }
      ending(run)
      return true
    case .live:
      let view = LiveView(console: console)
      view.begin()
      var shown = 0.0
      // A trace's recording is drawn as the trace drew it: its tree, one forest moved forward.
      let trace = TraceRecording(run.recording)
      var forest = TraceForest()
      var applied = 0
      // A trace draws from its forest alone: no demo timeline, a row per task, kept for every frame.
      let frames: [(time: Double, snapshot: TimelineSnapshot?)] = trace == nil
        ? run.frames(every: frameInterval).map { ($0.time, $0.snapshot) }
        : run.frameInstants(every: frameInterval).map { ($0, nil) }
      for frame in frames {
        guard await wait(until: frame.time) else {
          view.end()
          return stopped(run, at: shown)
        }
        shown = frame.time
        let size = console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
        if let trace {
          trace.advance(&forest, applied: &applied, to: frame.time)
          view.draw(TraceTreeRenderer.fitted(
            forest, title: trace.title, now: frame.time, moment: .live, width: size.columns, height: size.rows
          ))
        } else if let snapshot = frame.snapshot {
          view.draw(TimelineRenderer.render(snapshot, width: size.columns, height: size.rows))
        }
      }
      view.end()
      ending(run)
      return true
    }
  }

  /// "error-cancel · mode=gather · replay ×2".
  func title(_ run: RecordedRun) -> String {
    run.title + " · replay" + (speed == 1 ? "" : " ×" + DemoParameter.format(speed))
  }

  private var width: Int { console.currentSize()?.columns ?? console.capabilities.width }

  /// The final timeline (on a terminal) and the summary.
  private func ending(_ run: RecordedRun) {
    var lines: [StyledText] = []
    let trace = TraceRecording(run.recording)
    if console.capabilities.isTTY {
      let height = (console.currentSize()?.rows ?? console.capabilities.height ?? 24) - 4
      lines += [StyledText()]
        + (trace?.frame(at: run.end, width: width, height: height, isFinal: true)
          ?? TimelineRenderer.render(run.snapshot(at: run.end, isFinal: true), width: width))
    }
    lines += [StyledText()] + (trace?.account(width: width) ?? run.summary(width: width))
    console.writeLines(lines)
  }

  /// Stopped by Ctrl-C: the timeline as last shown, and no summary.
  private func stopped(_ run: RecordedRun, at time: Double) -> Bool {
    var lines: [StyledText] = []
    if console.capabilities.isTTY {
      let height = (console.currentSize()?.rows ?? console.capabilities.height ?? 24) - 2
      lines += [StyledText()]
        + (TraceRecording(run.recording)?.stop(at: time, width: width, height: height)
          ?? TimelineRenderer.render(run.snapshot(at: time), width: width))
    }
    lines.append(StyledText("Replay stopped at " + SecondsFormat.seconds(time) + ".", style: .dim))
    console.writeLines(lines)
    return false
  }
}
