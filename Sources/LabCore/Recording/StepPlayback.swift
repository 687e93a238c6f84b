import LabTerminal

/// A key that `replay --step` acts on.
public enum StepKey: Sendable, Equatable {
  /// Enter, space, →: the next stop.
  case forward
  /// `b`, ←: the stop before.
  case back
  /// `q`, Ctrl-D, or the end of input.
  case quit
  /// Ctrl-C.
  case interrupt
  /// Anything else, ignored.
  case other
}

/// Reads single keys, apart from the line editor: the executable's reader puts the terminal in
/// raw mode; tests pass a list of keys.
public protocol StepKeyReader {
  /// Waits for the next key.
  func nextKey() -> StepKey
}

/// A keyboard read key by key, apart from the line editor: raw mode on, keys, raw mode off.
public protocol RawKeyboard: StepKeyReader {
  /// Puts the terminal in raw mode; false when there is no terminal to read.
  func enterRawMode() -> Bool
  /// Puts the terminal back as it was found; safe to call more than once.
  func restore()
}

/// `replay --step`: the recording stopped at every moment something happened, the timeline frozen
/// there with one line saying what happened, moved through by single keys — or, piped or with
/// `TERM=dumb` (no cursor movement) or with no keyboard, every stop printed one after the other.
public struct StepPlayback: Sendable {
  /// How a stepped replay ended.
  public enum Ending: Sendable, Equatable {
    /// Stepped past the last stop.
    case finished
    /// `q`.
    case quit
    /// Ctrl-C.
    case interrupted
  }

  public let console: any Console

  public init(console: any Console) {
    self.console = console
  }

  /// What `replay --step` and the walkthrough's `step` both do: steps through `run` by single
  /// keys when the terminal can redraw in place and `keyboard` can be read key by key, else
  /// prints every stop (`printAll`) and reports `.finished`.
  public func stepThrough(_ run: RecordedRun, keyboard: (any RawKeyboard)?) -> Ending {
    guard console.capabilities.cursorMovement, let keyboard, keyboard.enterRawMode() else {
      printAll(run)
      return .finished
    }
    defer { keyboard.restore() }
    return play(run, keys: keyboard)
  }

  /// Steps through `run` as `keys` say, on the alternate screen; then leaves the stop it ended on
  /// (and the summary, if it got to the end) on the normal screen.
  public func play(_ run: RecordedRun, keys: any StepKeyReader) -> Ending {
    let steps = run.steps
    guard !steps.isEmpty else {
      console.writeLines(run.summary(width: size.columns))
      return .finished
    }
    let trace = TraceRecording(run.recording)
    let view = LiveView(console: console)
    view.begin()
    var index = 0
    var ending: Ending?
    while ending == nil {
      view.draw(Self.screen(run, step: index, width: size.columns, height: size.rows, trace: trace))
      switch keys.nextKey() {
      case .forward:
        if index + 1 < steps.count { index += 1 } else { ending = .finished }
      case .back: index = max(0, index - 1)
      case .quit: ending = .quit
      case .interrupt: ending = .interrupted
      case .other: continue
      }
    }
    view.end()
    let finished = ending == .finished
    var lines: [StyledText]
    if let trace {
      // A trace's stop: its tree and where each task waits, as at that stop.
      lines = trace.stop(at: steps[index].time, width: size.columns, height: size.rows)
    } else {
      lines = TimelineRenderer.render(Self.snapshot(run, step: index, isFinal: finished), width: size.columns)
    }
    lines += narration(run, step: index, width: size.columns, trace: trace)
    if finished { lines += [StyledText()] + (trace?.account(width: size.columns) ?? run.summary(width: size.columns)) }
    console.writeLines(lines)
    return ending ?? .quit
  }

  /// Every stop one after the other, each frame with its line, then the summary: what a pipe or
  /// a terminal without cursor movement gets.
  public func printAll(_ run: RecordedRun) {
    let width = size.columns
    let trace = TraceRecording(run.recording)
    var lines: [StyledText] = [StyledText((trace?.title ?? run.title) + " · step by step", style: .bold), StyledText()]
    var forest = TraceForest()
    var applied = 0
    for (index, step) in run.steps.enumerated() {
      if let trace {
        trace.advance(&forest, applied: &applied, to: step.time)
        lines += TraceRecording.stop(forest, title: trace.title, at: step.time, width: width, height: size.rows)
      } else {
        lines += TimelineRenderer.render(Self.snapshot(run, step: index), width: width)
      }
      lines += narration(run, step: index, width: width, trace: trace)
      lines.append(StyledText())
    }
    lines += trace?.account(width: width) ?? run.summary(width: width)
    console.writeLines(lines)
  }

  /// The screen at stop `index`: the frozen timeline (a trace's tree, with where each task
  /// waits, when `trace` is the run's), what happened, and the keys.
  public static func screen(
    _ run: RecordedRun, step index: Int, width: Int, height: Int, trace: TraceRecording? = nil
  ) -> [StyledText] {
    let said = TextWrapper.wrap(StepNarration.sentence(for: run.steps[index], in: run, trace: trace), width: max(10, width - 1))
      .map { StyledText($0, style: .bold) }
    let keys = StyledText("step \(index + 1)/\(run.steps.count)  ", style: .bold)
      + StyledText("Enter next · b back · q quit", style: .dim)
    let room = max(3, height - said.count - 2)
    let frame = trace.map { $0.stop(at: run.steps[index].time, width: width, height: room) }
      ?? TimelineRenderer.render(snapshot(run, step: index), width: width, height: room)
    return frame + [StyledText()] + said + [keys.truncated(to: max(10, width - 1))]
  }

  /// The timeline frozen at stop `index`.
  static func snapshot(_ run: RecordedRun, step index: Int, isFinal: Bool = false) -> TimelineSnapshot {
    let step = run.steps[index]
    return run.timeline(through: step.entries.upperBound)
      .snapshot(title: run.title, speed: run.speed, now: step.time, isFinal: isFinal)
  }

  private func narration(_ run: RecordedRun, step index: Int, width: Int, trace: TraceRecording? = nil) -> [StyledText] {
    TextWrapper.wrap(StepNarration.sentence(for: run.steps[index], in: run, trace: trace), width: max(10, width - 1))
      .map { StyledText($0, style: .bold) }
  }

  private var size: (columns: Int, rows: Int) {
    console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
  }
}
