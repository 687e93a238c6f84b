import LabTerminal

/// A recording as an asciicast v2 file (asciinema's format): the live view, drawn by the pure
/// timeline renderer at fixed nominal instants at the recorded terminal size and speed, with a
/// marker (`"m"`) at each moment something happened, so a player can jump from event to event.
///
/// ```text
/// {"version":2,"width":80,"height":24,"title":"ordering · delays=3,1,2","env":{"TERM":"xterm-256color"}}
/// [0,"o","\u001b[?25l\u001b[H\u001b[J"]
/// [0,"o","\u001b[Hordering · delays=3,1,2 … 0.00s\u001b[K\r\n…"]
/// [0,"m","0.00s [0] A, [1] B and [2] C started"]
/// ```
public enum AsciicastExport {
  /// The cast's lines, header first, each frame where its nominal instant falls at the recorded speed.
  /// A trace's recording is drawn as the trace drew it (`cast(_:of:frameInterval:)`).
  public static func cast(_ run: RecordedRun, frameInterval: Double = 0.05) -> String {
    if let trace = TraceRecording(run.recording) { return cast(trace, of: run, frameInterval: frameInterval) }
    let columns = run.recording.header.columns
    let rows = run.recording.header.rows
    var lines = [header(run, title: run.title)]
    func event(_ time: Double, _ code: String, _ data: String) {
      lines.append(Self.event(time, code, data, speed: run.speed))
    }
    event(0, "o", ANSI.hideCursor + ANSI.home + ANSI.eraseDown)
    let steps = run.steps
    var nextStep = 0
    var named = RunTimeline(plan: run.plan)
    var applied = 0
    var lastFrame = ""
    for frame in run.frames(every: frameInterval) {
      let data = terminalBytes(liveFrame(frame.snapshot, columns: columns, rows: rows))
      if data != lastFrame {
        event(frame.time, "o", data)
        lastFrame = data
      }
      while nextStep < steps.count, steps[nextStep].time <= frame.time + 1e-9 {
        let step = steps[nextStep]
        // The rows as they stand after the step name its tasks (`[0] A`), as the stop line does.
        for entry in run.recording.entries[applied..<step.entries.upperBound] { _ = named.apply(entry) }
        applied = step.entries.upperBound
        let happened = StepNarration.happened(Array(run.recording.entries[step.entries]), labels: StepNarration.labels(named.rows))
        event(step.time, "m", SecondsFormat.seconds(step.time) + " " + happened.joined(separator: "; "))
        nextStep += 1
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The cast's first line: its size (the recorded terminal's) and title.
  static func header(_ run: RecordedRun, title: String) -> String {
    JSONValue.object([
      ("version", 2),
      ("width", .integer(run.recording.header.columns)),
      ("height", .integer(run.recording.header.rows)),
      ("title", .string(title)),
      ("env", .object([("TERM", "xterm-256color")])),
    ]).text
  }

  /// An event line: `code` "o" (output) or "m" (marker) at the nominal `time`, played at `speed`.
  static func event(_ time: Double, _ code: String, _ data: String, speed: Double) -> String {
    JSONValue.array([.number((time / speed * 1e6).rounded() / 1e6), .string(code), .string(data)]).text
  }

  /// What the live view writes for `snapshot` on a terminal of this size.
  public static func liveFrame(_ snapshot: TimelineSnapshot, columns: Int, rows: Int) -> String {
    LiveView.frame(TimelineRenderer.render(snapshot, width: columns, height: rows), color: true)
  }

  /// The bytes as a terminal receives them: its line discipline turns each newline the program
  /// writes into carriage return and newline, and a player has no line discipline.
  public static func terminalBytes(_ output: String) -> String {
    output.replacingOccurrences(of: "\n", with: "\r\n")
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
