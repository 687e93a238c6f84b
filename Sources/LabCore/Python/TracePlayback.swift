import LabTerminal
import Synchronization

/// `trace`: draws a traced program's tasks as they happen, with the live renderer a demo uses (or
/// one line per event, or the tracer's JSON Lines), the program's printed lines time-stamped
/// beside them, then its traceback (stderr) and a one-line account.
public struct TracePlayback: Sendable {
  public let console: any Console
  public let mode: DemoPlayback.Mode
  public var frameInterval: Duration = .milliseconds(50)
  /// Keep and print every task at the end (`trace --all`), not a summary that fits the terminal.
  public var showsEveryTask = false
  /// Where `--record` writes the run: the tracer's lines as they come, then a result line.
  public var recorder: (any RunLineSink)?
  /// Where the program's stderr goes once the timeline is drawn (gatherlab's stderr).
  public var writeError: @Sendable (String) -> Void
  /// Where the program's stderr bytes go as they arrive, when the trace is not drawn live
  /// (`--json`, piped): gatherlab's stderr, byte for byte. Nil: after the timeline, as live.
  public var passErrorOutput: (@Sendable (String) -> Void)?

  public init(console: any Console, mode: DemoPlayback.Mode, writeError: @escaping @Sendable (String) -> Void) {
    self.console = console
    self.mode = mode
    self.writeError = writeError
  }

  /// What the trace saw.
  public struct Traced: Sendable, Equatable {
    public var status: Int32
    public var tasks: Int
    public var interrupted: Bool
  }

  /// Runs `program` and draws it; `clock` times its events and paces the live view's frames.
  public func play<C: Clock>(
    _ program: TracedProgram, clock: C = ContinuousClock()
  ) async throws(TraceError) -> Traced where C.Duration == Duration {
    var lineBuffered = program
    lineBuffered.lineBuffered = mode == .live  // as the program's stdout would be at a terminal
    lineBuffered.keepsTraceText = mode == .json || recorder != nil  // the only readers of a line's text
    let program = lineBuffered
    let passErrorOutput = mode == .live ? nil : passErrorOutput
    let file = program.path.split(separator: "/").last.map(String.init) ?? program.path
    let state = TraceBox(keepsEveryTask: showsEveryTask)
    let console = console, mode = mode
    let began = clock.now
    let seconds: @Sendable () -> Double = {
      let elapsed = began.duration(to: clock.now)
      return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    let recorder = recorder
    let receive: @Sendable ([TracedProgram.Message]) -> Void = { messages in
      if let passErrorOutput {
        for case .errorOutput(_, let text) in messages { passErrorOutput(text) }
      }
      let now = seconds()
      if let recorder {
        for message in messages {
          switch message {
          case .trace(let text, _): recorder.write(text)
          case .output(let time, let text): recorder.write(TraceLine.outputJSON(time: time, text: text))
          case .errorOutput(let time, let text): recorder.write(TraceLine.outputJSON(time: time, text: text, type: "error-output"))
          }
        }
      }
      // Only plain-lines mode prints a line per event; the others skip making them. The batch's
      // lines are written at once, from one text (a batch holds up to thousands of lines).
      var shown: [UInt8] = []
      if mode == .lines {
        shown.reserveCapacity(messages.count * 48)  // a line per event, of some 40 bytes
        state.state.withLock { state in
          for message in messages { state.apply(message, at: now, appendingLinesTo: &shown) }
        }
      } else {
        state.state.withLock { state in
          for message in messages { state.apply(message, at: now) }
        }
      }
      switch mode {
      case .json:
        var text = ""
        for message in messages {
          if !text.isEmpty { text += "\n" }
          switch message {
          case .trace(let line, _): text += line
          case .output(let time, let output): text += TraceLine.outputJSON(time: time, text: output)
          case .errorOutput(let time, let output): text += TraceLine.outputJSON(time: time, text: output, type: "error-output")
          }
        }
        console.write(text + "\n")
      case .lines:
        if !shown.isEmpty { console.write(String(decoding: shown, as: UTF8.self)) }
      case .live:
        break
      }
    }
    let view = mode == .live ? LiveView(console: console) : nil
    view?.begin()
    let result: Result<TracedProgram.Outcome, TraceError> = await withTaskCancellationHandler {
      await withTaskGroup(of: Result<TracedProgram.Outcome, TraceError>?.self) { group in
      group.addTask {
        do throws(TraceError) { return .success(try await program.run(receive, clock: clock)) } catch { return .failure(error) }
      }
      if let view {
        group.addTask { [frameInterval] in
          while !Task.isCancelled {
            let size = console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
            view.draw(state.state.withLock { $0.frame(file: file, now: $0.traceTime(at: seconds()), width: size.columns, height: size.rows) })
            try? await clock.sleep(for: frameInterval)
          }
          return nil
        }
      }
      // The program's outcome, not the frames' loop: on Ctrl-C the loop ends first, and the
      // picture of the moment it stopped must still be drawn.
      var outcome: Result<TracedProgram.Outcome, TraceError>?
      while outcome == nil, let next = await group.next() {
        outcome = next
        if outcome != nil { group.cancelAll() }
      }
      group.cancelAll()
      return outcome ?? .failure(.couldNotStart("it did not run"))
      }
    } onCancel: {
      // Ctrl-C: where each task waits now, before the program's own cleanup cancels them.
      state.stopped.withLock { stopped in
        stopped = state.state.withLock { ($0.forest, $0.traceTime(at: seconds())) }
      }
    }
    view?.end()
    let interrupted = Task.isCancelled
    let outcome = try result.get()
    let final = state.state.withLock { $0 }
    // Stopped by Ctrl-C: the picture is of the moment it stopped, on the tracer's clock.
    let stoppedAt = max(final.lastTime, final.traceTime(at: seconds()))
    let size = console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
    let width = size.columns
    recorder?.write(JSONValue.object([
      ("type", "result"), ("outcome", .string(interrupted ? "interrupted" : "returned")),
      ("status", .integer(Int(outcome.status))), ("tasks", .integer(final.taskCount)),
    ]).text)
    if mode == .json {
      console.writeLine(JSONValue.object([("type", "exit"), ("status", .integer(Int(outcome.status))), ("interrupted", .bool(interrupted))]).text)
    } else {
      var lines: [StyledText] = []
      if mode == .lines, let open = final.openOutput {
        lines.append(TraceState.outputLine(open))  // a last line the program left without a newline
      }
      var output: [StyledText] = []
      if mode == .live, !final.outputs.isEmpty {
        output = [StyledText(), StyledText("output", style: .bold)] + final.outputs.map { TraceState.outputLine($0) }
      }
      if mode == .live {
        // What stays on screen: a summary that fits the terminal (with the account and a
        // margin), or every task with --all.
        let height = showsEveryTask ? nil : max(8, size.rows - 4)
        let moment = state.stopped.withLock { $0 }
        let summary = [StyledText()] + final.summary(
          file: file, now: interrupted ? moment?.1 ?? stoppedAt : final.lastTime, width: width, height: height, interrupted: interrupted,
          stopped: moment.map { (forest: $0.0, time: $0.1) }
        )
        if interrupted {
          // Stopped by Ctrl-C: the program's output and its KeyboardInterrupt first, so that
          // the picture of the moment it stopped is what stays on screen.
          console.writeLines(output)
          writeStandardError(outcome, passErrorOutput: passErrorOutput)
          lines += summary
        } else {
          lines += summary + output
        }
      }
      console.writeLines(lines)
    }
    if !(mode == .live && interrupted) { writeStandardError(outcome, passErrorOutput: passErrorOutput) }
    if mode != .json {
      console.writeLines([StyledText()] + final.account(
        file: file, status: outcome.status, interrupted: interrupted, standardError: outcome.standardError, width: width, took: seconds()
      ))
    }
    return Traced(status: outcome.status, tasks: final.taskCount, interrupted: interrupted)
  }

  /// The program's stderr, held until now (unless it was passed on as it came).
  private func writeStandardError(_ outcome: TracedProgram.Outcome, passErrorOutput: (@Sendable (String) -> Void)?) {
    guard passErrorOutput == nil, !outcome.standardError.isEmpty else { return }
    writeError(outcome.standardError.hasSuffix("\n") ? String(outcome.standardError.dropLast()) : outcome.standardError)
  }
}

/// What the trace has seen so far: its tasks (a `TraceForest`, flat in memory however many
/// tasks end) and the program's output.
struct TraceState: Sendable {
  var forest: TraceForest
  var outputs: [(time: Double, text: String)] = []
  /// Whether the last of `outputs` is a line the program has not ended yet.
  var outputIsOpen = false
  /// The last lines of the program's stderr, for the live frame (a server's log lines show as
  /// they are written; the whole of stderr is printed after the timeline).
  var errorTail: [(time: Double, text: String)] = []
  var errorIsOpen = false
  var runtime: String?
  /// The clock the program's loop read, from the tracer's clock line: "virtual", or "real" with why.
  var clock: (kind: String, why: String?)?
  /// Why the clock followed real time, each said once: a run whose loops in two threads start and
  /// stop by turns goes back and forth between the clocks.
  private var saidRealClock: Set<String> = []
  var lastTime = 0.0
  /// Tasks that finished or failed so far: the next finish rank, for the plain lines.
  var ended = 0
  /// Our clock's reading when the tracer's clock read 0 (its header arrived).
  var offset: Double?
  /// Our clock's reading when the latest tracer line arrived.
  var lastSeen: Double?
  /// On virtual time, the instant since which the loop has waited with nothing on its clock
  /// and nothing else that could wake it but a signal (an `idle` line, until the next line).
  var idleSince: Double?
  /// The last plain line's instant and its text.
  private var lastTimeText: (seconds: Double, text: String) = (.nan, "")

  /// A row per task on a time axis, for an exercise check's marked timeline (small programs,
  /// stopped at the hang limit); `trace` draws the forest instead and keeps none.
  var keepsTimeline: Bool
  var timeline = RunTimeline(plan: DemoPlan(tasks: [], ideal: 0, sequential: 0, horizon: 0))
  var names: [Int: String] = [:]
  var usedNames: Set<String> = []
  var orphans: Set<Int> = []

  init(keepsEveryTask: Bool = false, keepsTimeline: Bool = true) {
    forest = TraceForest(keepsEveryTask: keepsEveryTask)
    self.keepsTimeline = keepsTimeline
  }

  /// The timeline's entries for `line` (kept only with `keepsTimeline`).
  private mutating func record(_ line: TraceLine, at time: Double) {
    switch line.type {
    case "event":
      guard let id = line.id, let kindText = line.event, let kind = DemoEvent.Kind(rawValue: kindText) else { return }
      let name = self.name(id, label: line.task ?? "task \(id)")
      timeline.apply(.event(DemoEvent(
        time: time, task: name, kind: kind, value: line.value, error: line.error, isOrphan: orphans.contains(id)
      )))
    case "join":
      orphans.formUnion(line.orphans ?? [])
      timeline.apply(.join(DemoJoin(time: time, label: line.label ?? "joined", detail: "", outcome: .returned)))
    case "deadline":
      timeline.apply(.deadline(time: time))
    default:
      break
    }
  }

  /// A task's row name: its label, made unique with its id when another task has the same label.
  mutating func name(_ id: Int, label: String) -> String {
    if let name = names[id] { return name }
    let name = usedNames.contains(label) ? "\(label) #\(id)" : label
    usedNames.insert(name)
    names[id] = name
    return name
  }

  var taskCount: Int { forest.taskCount }

  /// Adds a chunk of the program's stdout (timed on the trace's clock): its text continues the
  /// open line, if any. Returns the lines it ended, each timed when it began.
  mutating func appendOutput(_ chunk: String, at time: Double) -> [(time: Double, text: String)] {
    Self.append(chunk, at: time, to: &outputs, open: &outputIsOpen)
  }

  /// Adds a chunk of the program's stderr to the live frame's tail.
  mutating func appendErrorOutput(_ chunk: String, at time: Double) {
    _ = Self.append(chunk, at: time, to: &errorTail, open: &errorIsOpen)
    if errorTail.count > 64 { errorTail.removeFirst(errorTail.count - 16) }
  }

  private static func append(
    _ chunk: String, at time: Double, to lines: inout [(time: Double, text: String)], open: inout Bool
  ) -> [(time: Double, text: String)] {
    var ended: [(time: Double, text: String)] = []
    var rest = Substring(chunk)
    while !rest.isEmpty {
      let newline = rest.utf8.firstIndex(of: UInt8(ascii: "\n"))
      let piece = String(rest[..<(newline ?? rest.endIndex)])
      if open, let last = lines.indices.last {
        lines[last].text += piece
      } else {
        lines.append((time, piece))
      }
      guard let newline else {
        open = true
        break
      }
      open = false
      ended.append(lines[lines.count - 1])
      rest = rest[rest.utf8.index(after: newline)...]
    }
    return ended
  }

  /// The line the program left unended, if any.
  var openOutput: (time: Double, text: String)? { outputIsOpen ? outputs.last : nil }

  /// Applies one message.
  mutating func apply(_ message: borrowing TracedProgram.Message, at now: Double) {
    var none: [UInt8] = []
    apply(message, at: now, lines: false, to: &none)
  }

  /// Applies one message and appends its plain lines to `text` (UTF-8), each ended by a newline.
  /// (Bytes, not a String: appending the ten pieces of each of thousands of lines to a String
  /// cost more, in its bookkeeping, than copying them.)
  mutating func apply(_ message: borrowing TracedProgram.Message, at now: Double, appendingLinesTo text: inout [UInt8]) {
    apply(message, at: now, lines: true, to: &text)
  }

  /// Applies one message; with `lines`, appends its plain lines to `text`. (The message is
  /// borrowed: matched on a copy, its line's twenty fields were each retained and released.)
  private mutating func apply(_ message: borrowing TracedProgram.Message, at now: Double, lines: Bool, to text: inout [UInt8]) {
    switch message {
    case .output(let time, let output):
      let ended = appendOutput(output, at: time)
      if lines { for line in ended { text += (Self.outputLine(line).plainText + "\n").utf8 } }
    case .errorOutput(let time, let output):
      if !lines { appendErrorOutput(output, at: time) }
    case .trace(_, let line):
      let time = line.t ?? lastTime
      let before = lastTime
      lastSeen = now
      idleSince = line.type == "idle" ? time : nil
      if line.type != "deadline" { lastTime = max(lastTime, time) }
      forest.apply(line)
      if keepsTimeline { record(line, at: time) }
      switch line.type {
      case "trace":
        runtime = line.runtime
        offset = now
      case "clock":
        clock = (line.clock ?? "real", line.why)
        if lines && line.clock == "real" && saidRealClock.insert(line.why ?? "").inserted {
          text += (Self.realClockSentence(line.why) + "\n").utf8
        }
      case "event":
        guard lines, let id = line.id, let event = line.event, DemoEvent.Kind(rawValue: event) != nil else { return }
        text += timeText(max(time, before)).utf8
        text += "  #".utf8
        text += String(id).utf8
        text += " ".utf8
        text += (line.task ?? "task").utf8
        text += "  ".utf8
        text += event.utf8
        if event == "finished" || event == "failed" {
          ended += 1
          text += " ".utf8
          text += DemoReport.TaskResult.ordinal(ended).utf8
        }
        if let value = line.value {
          text += "  \"".utf8
          text += value.utf8
          text += "\"".utf8
        }
        if let error = line.error {
          text += "  ".utf8
          text += error.utf8
        }
        text += "\n".utf8
      case "join":
        if lines { text += (DemoTranscript.time(time) + "  ▲  " + (line.label ?? "joined") + "\n").utf8 }
      case "deadline":
        if lines { text += (DemoTranscript.time(before) + "  ┆  deadline set for " + SecondsFormat.seconds(time) + "\n").utf8 }
      case "idle":
        if lines { text += (DemoTranscript.time(time) + "  ┆  " + Self.idleSentence + "\n").utf8 }
      case "output":
        // A recorded run's output: chunks as they arrived, partial lines included.
        let ended = appendOutput(line.text ?? "", at: time)
        if lines { for line in ended { text += (Self.outputLine(line).plainText + "\n").utf8 } }
      default:
        break
      }
    }
  }

  /// `DemoTranscript.time(seconds)`, made once for a run of lines of one instant (a busy
  /// program's lines come many to an instant).
  private mutating func timeText(_ seconds: Double) -> String {
    if lastTimeText.seconds != seconds { lastTimeText = (seconds, DemoTranscript.time(seconds)) }
    return lastTimeText.text
  }

  static func outputLine(_ output: (time: Double, text: String)) -> StyledText {
    StyledText(DemoTranscript.time(output.time) + "  » ", style: .dim) + StyledText(output.text)
  }

  /// A line of the program's stderr in the live frame.
  static func errorOutputLine(_ output: (time: Double, text: String)) -> StyledText {
    StyledText(DemoTranscript.time(output.time) + "  ", style: .dim) + StyledText("»", style: TextStyle(foreground: .red))
      + StyledText(" " + output.text)
  }

  func title(file: String) -> String {
    "trace · " + file + (runtime.map { " · " + $0 } ?? "") + (clock?.kind == "virtual" ? " · virtual time" : "")
  }

  /// The loop waits with nothing on its clock and only a signal can wake it (a program waiting
  /// for Ctrl-C, or stuck): said, so that the trace does not look frozen.
  static let idleSentence = "the event loop waits with nothing on its clock: only a signal, such as Ctrl-C, can wake it"

  /// What virtual time did to the run: "On virtual time: its 3.00s took 0.21s."
  static func virtualClockSentence(lastTime: Double, took: Double) -> String {
    "On virtual time: its " + SecondsFormat.seconds(lastTime) + " took " + SecondsFormat.seconds(took) + "."
  }

  /// The one line that says a run asked for virtual time ran on real time, and why.
  static func realClockSentence(_ why: String?) -> String {
    "This run is on real time, not virtual: " + (why ?? "its event loop is not asyncio's default") + "."
  }

  /// The trace's clock when ours reads `now`. On real time: the time since the tracer's header
  /// came. On virtual time the loop's clock jumps from timer to timer and follows real time only
  /// while something real is pending: the latest instant the trace reached, plus the real time
  /// since its line came (a run that only sleeps shows its last instant; one waiting for a
  /// thread or a socket sees its bars grow as the loop's clock does).
  func traceTime(at now: Double) -> Double {
    if clock?.kind == "virtual" { return lastTime + max(0, now - (lastSeen ?? now)) }
    return now - (offset ?? now)
  }

  /// The live frame: the tree, folded to fit, and the last lines printed.
  func frame(file: String, now: Double, width: Int, height: Int, outputLines: Int = 3) -> [StyledText] {
    // The last lines of both streams, by time (stdout first at one instant).
    let tail = (outputs.suffix(outputLines).map { ($0, false) } + errorTail.suffix(outputLines).map { ($0, true) })
      .enumerated().sorted { ($0.element.0.time, $0.offset) < ($1.element.0.time, $1.offset) }.map(\.element).suffix(outputLines)
    let idle = idleSince.map { since in
      TextWrapper.wrap("since " + SecondsFormat.seconds(since) + " " + Self.idleSentence, width: max(20, width - 1)).map { StyledText($0, style: .dim) }
    } ?? []
    let room = height - 1 - (tail.isEmpty ? 0 : tail.count + 1) - idle.count
    var lines = TraceTreeRenderer.fitted(
      forest, title: title(file: file), now: max(now, lastTime), moment: .live, width: width, height: room
    )
    if lines.count == 1 { lines.append(StyledText("starting \(file)…", style: .dim)) }
    lines += idle
    if !tail.isEmpty {
      lines += [StyledText()] + tail.map { line, isError in
        (isError ? Self.errorOutputLine(line) : Self.outputLine(line)).truncated(to: max(20, width - 1))
      }
    }
    return lines
  }

  /// The closing picture: the tree folded to `height` lines (every task with `height` nil), and
  /// after an interruption where each task was waiting.
  /// After Ctrl-C, the await picture is of `stopped` (the forest when it was pressed, before
  /// the program's cleanup), else of the end.
  func summary(
    file: String, now: Double, width: Int, height: Int?, interrupted: Bool, stopped: (forest: TraceForest, time: Double)? = nil
  ) -> [StyledText] {
    let moment: TraceTreeRenderer.Moment = interrupted ? .interrupted : .done
    let waiting = stopped?.forest ?? forest
    let waitingAt = stopped.map { min($0.time, now) } ?? now
    var lines: [StyledText]
    if let height {
      let pictureRoom = interrupted ? min(max(4, height / 2), height - 4) : 0
      lines = TraceTreeRenderer.fitted(forest, title: title(file: file), now: now, moment: moment, width: width, height: height - pictureRoom)
      if interrupted {
        var picture = TraceTreeRenderer.awaitPicture(waiting, now: waitingAt, width: width)
        if picture.count > pictureRoom, pictureRoom > 1 {
          let hidden = picture.count - pictureRoom + 1
          picture = Array(picture.prefix(pictureRoom - 1)) + [StyledText("… \(hidden) more lines", style: .dim)]
        }
        lines += [StyledText()] + picture
      }
    } else {
      lines = TraceTreeRenderer.render(TraceTree(forest), title: title(file: file), now: now, moment: moment, width: width)
      if interrupted { lines += [StyledText()] + TraceTreeRenderer.awaitPicture(waiting, now: waitingAt, width: width) }
    }
    return lines
  }

  /// The closing account: how many tasks and how they ended, and how the program ended; on
  /// virtual time, how long its time took for real (`took`, seconds, when known), since a run that
  /// finishes in a blink is the point and not a fault.
  func account(file: String, status: Int32, interrupted: Bool, standardError: String, width: Int, took: Double? = nil) -> [StyledText] {
    if interrupted {
      return TextWrapper.wrap("Interrupted: \(file) was stopped (Ctrl-C).", width: max(20, min(width, 100) - 1)).map { StyledText($0) }
    }
    if taskCount == 0 {
      if standardError.contains("SyntaxError") || standardError.contains("IndentationError") {
        return [StyledText("\(file) is not valid Python (see the error above): nothing ran.")]
      }
      return [StyledText("\(file) created no asyncio tasks: nothing to draw. Does it call asyncio.run()?")]
    }
    let end = TraceAccount.exited(file: file, status: Int(status))
    var real = clock?.kind == "real" ? " " + Self.realClockSentence(clock?.why) : ""
    if clock?.kind == "virtual", let took { real = " " + Self.virtualClockSentence(lastTime: lastTime, took: took) }
    return TextWrapper.wrap(TraceAccount.tasks(forest) + ". " + end + real, width: max(20, min(width, 100) - 1)).map { StyledText($0) }
  }
}

/// The trace's state, shared by the reader and the frames.
final class TraceBox: Sendable {
  let state: Mutex<TraceState>
  /// The tasks and the trace's time when Ctrl-C was pressed.
  let stopped = Mutex<(TraceForest, Double)?>(nil)

  init(keepsEveryTask: Bool) {
    state = Mutex(TraceState(keepsEveryTask: keepsEveryTask, keepsTimeline: false))
  }
}
