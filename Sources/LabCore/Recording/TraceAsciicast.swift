import LabTerminal

/// A `trace --record` recording as an asciicast: the trace's live view (its tree, as `replay`
/// draws it) at the replay's frame instants, the final tree and the closing count last, and a
/// marker at each stop of `replay --step`, worded as that stop is.
///
/// ```text
/// {"version":2,"width":80,"height":24,"title":"trace · crawl.py · CPython 3.11.7","env":{"TERM":"xterm-256color"}}
/// [0,"o","\u001b[?25l\u001b[H\u001b[J"]
/// [0.0037,"o","\u001b[H\u001b[1mtrace · crawl.py · CPython 3.11.7\u001b[0m …"]
/// [0.0037,"m","0.00s #1 main(), #2 fetch('a', 0.05) and #3 fetch('b', 0.1) started; …"]
/// ```
///
/// One forest is moved forward frame by frame, and a frame draws the tree folded to the screen,
/// so the work is the lines plus the frames, not the tasks times the frames.
extension AsciicastExport {
  public static func cast(_ trace: TraceRecording, of run: RecordedRun, frameInterval: Double = 0.05) -> String {
    let columns = run.recording.header.columns
    let rows = run.recording.header.rows
    var lines = [header(run, title: trace.title)]
    func event(_ time: Double, _ code: String, _ data: String) {
      lines.append(Self.event(time, code, data, speed: run.speed))
    }
    var lastFrame = ""
    func draw(_ picture: [StyledText], at time: Double) {
      let data = terminalBytes(LiveView.frame(picture, color: true))
      if data != lastFrame {
        event(time, "o", data)
        lastFrame = data
      }
    }
    event(0, "o", ANSI.hideCursor + ANSI.home + ANSI.eraseDown)
    let steps = run.steps
    var nextStep = 0
    var labels = TraceRecording.TaskLabels()
    var forest = TraceForest()
    var applied = 0
    for time in run.frameInstants(every: frameInterval) {
      trace.advance(&forest, applied: &applied, to: time)
      draw(TraceTreeRenderer.fitted(forest, title: trace.title, now: time, moment: .live, width: columns, height: rows), at: time)
      while nextStep < steps.count, steps[nextStep].time <= time + 1e-9 {
        let step = steps[nextStep]
        event(step.time, "m", StepNarration.sentence(for: step, in: run, trace: trace, labels: &labels))
        nextStep += 1
      }
    }
    // As a replay ends: the final tree, then the count of how the tasks ended.
    trace.advance(&forest, applied: &applied, to: trace.end)
    let account = trace.account(width: columns)
    let tree = TraceTreeRenderer.fitted(
      forest, title: trace.title, now: trace.end, moment: trace.finalMoment, width: columns, height: rows - account.count - 1
    )
    draw(tree + [StyledText()] + account, at: max(run.end, trace.end))
    return lines.joined(separator: "\n") + "\n"
  }
}
