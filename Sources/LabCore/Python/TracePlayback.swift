import LabTerminal
import Synchronization

/// `trace`: draws a traced program's tasks as they happen, with the live renderer a demo uses (or
/// one line per event, or the tracer's JSON Lines), the program's printed lines time-stamped
/// beside them, then its traceback (stderr) and a one-line account.
public struct TracePlayback: Sendable {
  public let console: any Console
  public let mode: DemoPlayback.Mode
  public var frameInterval: Duration = .milliseconds(50)
  /// Where the program's stderr goes once the timeline is drawn (gatherlab's stderr).
  public var writeError: @Sendable (String) -> Void

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
    let file = program.path.split(separator: "/").last.map(String.init) ?? program.path
    let state = TraceBox()
    let console = console, mode = mode
    let began = clock.now
    let seconds: @Sendable () -> Double = {
      let elapsed = began.duration(to: clock.now)
      return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
    let receive: @Sendable ([TracedProgram.Message]) -> Void = { messages in
      let now = seconds()
      // Only plain-lines mode prints a line per event; the others skip making them.
      let shown = state.state.withLock { state in messages.flatMap { state.apply($0, at: now, lines: mode == .lines) } }
      switch mode {
      case .json:
        let lines = messages.map { message in
          switch message {
          case .trace(let text, _): text
          case .output(let time, let text): TraceLine.outputJSON(time: time, text: text)
          }
        }
        console.writeLine(lines.joined(separator: "\n"))
      case .lines:
        if !shown.isEmpty { console.writeLine(shown.joined(separator: "\n")) }
      case .live:
        break
      }
    }
    let view = mode == .live ? LiveView(console: console) : nil
    view?.begin()
    let result: Result<TracedProgram.Outcome, TraceError> = await withTaskGroup(of: Result<TracedProgram.Outcome, TraceError>?.self) { group in
      group.addTask {
        do throws(TraceError) { return .success(try await program.run(receive, clock: clock)) } catch { return .failure(error) }
      }
      if let view {
        group.addTask { [frameInterval] in
          while !Task.isCancelled {
            let size = console.currentSize() ?? (console.capabilities.width, console.capabilities.height ?? 24)
            view.draw(state.state.withLock { $0.frame(file: file, now: seconds(), width: size.columns, height: size.rows, isFinal: false) })
            try? await clock.sleep(for: frameInterval)
          }
          return nil
        }
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first ?? .failure(.couldNotStart("it did not run"))
    }
    view?.end()
    let interrupted = Task.isCancelled
    let outcome = try result.get()
    let final = state.state.withLock { $0 }
    let width = console.currentSize()?.columns ?? console.capabilities.width
    if mode == .json {
      console.writeLine(JSONValue.object([("type", "exit"), ("status", .integer(Int(outcome.status))), ("interrupted", .bool(interrupted))]).text)
    } else {
      var lines: [StyledText] = []
      if mode == .live {
        lines += [StyledText()] + final.frame(file: file, now: final.lastTime, width: width, height: nil, isFinal: true, outputLines: 0)
        if !final.outputs.isEmpty {
          lines += [StyledText(), StyledText("output", style: .bold)] + final.outputs.map { TraceState.outputLine($0) }
        }
      }
      console.writeLines(lines)
    }
    if !outcome.standardError.isEmpty { writeError(outcome.standardError.hasSuffix("\n") ? String(outcome.standardError.dropLast()) : outcome.standardError) }
    if mode != .json {
      console.writeLines([StyledText()] + final.account(file: file, status: outcome.status, interrupted: interrupted, standardError: outcome.standardError, width: width))
    }
    return Traced(status: outcome.status, tasks: final.taskCount, interrupted: interrupted)
  }
}

/// What the trace has seen so far: the timeline of its tasks and the program's output.
struct TraceState: Sendable {
  var timeline = RunTimeline(plan: DemoPlan(tasks: [], ideal: 0, sequential: 0, horizon: 0))
  var names: [Int: String] = [:]
  var usedNames: Set<String> = []
  var orphans: Set<Int> = []
  var outputs: [(time: Double, text: String)] = []
  var runtime: String?
  /// The clock the program's loop read, from the tracer's clock line: "virtual", or "real" with why.
  var clock: (kind: String, why: String?)?
  var taskCount = 0
  var lastTime = 0.0
  var counts: [DemoEvent.Kind: Int] = [:]
  /// Our clock's reading when the tracer's clock read 0 (its header arrived).
  var offset: Double?

  /// Applies one message; returns its plain lines (none unless `lines`).
  mutating func apply(_ message: TracedProgram.Message, at now: Double, lines: Bool = true) -> [String] {
    switch message {
    case .output(let time, let text):
      let t = max(0, time - (offset ?? 0))
      outputs.append((t, text))
      return lines ? [Self.outputLine((t, text)).plainText] : []
    case .trace(_, let line):
      let time = line.t ?? lastTime
      let before = lastTime
      if line.type != "deadline" { lastTime = max(lastTime, time) }
      switch line.type {
      case "trace":
        runtime = line.runtime
        offset = now
        return []
      case "clock":
        clock = (line.clock ?? "real", line.why)
        return lines && line.clock == "real" ? [Self.realClockSentence(line.why)] : []
      case "event":
        guard let id = line.id, let kindText = line.event, let kind = DemoEvent.Kind(rawValue: kindText) else { return [] }
        let name = self.name(id, label: line.task ?? "task \(id)")
        if kind == .waiting { taskCount += 1 }
        counts[kind, default: 0] += 1
        let entry = timeline.apply(.event(DemoEvent(
          time: time, task: name, kind: kind, value: line.value, error: line.error, isOrphan: orphans.contains(id)
        )))
        return lines ? DemoTranscript.line(entry, nameWidth: 1).map { [$0] } ?? [] : []
      case "join":
        orphans.formUnion(line.orphans ?? [])
        let entry = timeline.apply(.join(DemoJoin(time: time, label: line.label ?? "joined", detail: "", outcome: .returned)))
        return lines ? DemoTranscript.line(entry, nameWidth: 1).map { [$0] } ?? [] : []
      case "deadline":
        timeline.apply(.deadline(time: time))
        guard lines else { return [] }
        return [DemoTranscript.time(before) + "  ┆  deadline set for " + SecondsFormat.seconds(time)]
      case "output":
        outputs.append((time, line.text ?? ""))
        return lines ? [Self.outputLine((time, line.text ?? "")).plainText] : []
      default:
        return []
      }
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

  /// The one line that says a run asked for virtual time ran on real time, and why.
  static func realClockSentence(_ why: String?) -> String {
    "This run is on real time, not virtual: " + (why ?? "its event loop is not asyncio's default") + "."
  }

  static func outputLine(_ output: (time: Double, text: String)) -> StyledText {
    StyledText(DemoTranscript.time(output.time) + "  » ", style: .dim) + StyledText(output.text)
  }

  /// The live frame: the timeline (at most a screenful of rows) and the last lines printed.
  func frame(file: String, now: Double, width: Int, height: Int?, isFinal: Bool, outputLines: Int = 3) -> [StyledText] {
    var snapshot = timeline.snapshot(title: "trace · " + file + (runtime.map { " · " + $0 } ?? "") + (clock?.kind == "virtual" ? " · virtual time" : ""), speed: 1, now: max(now, lastTime), isFinal: isFinal)
    var more: StyledText?
    let tail = outputs.suffix(outputLines)
    if let height {
      let room = max(3, height - 6 - (tail.isEmpty ? 0 : tail.count + 1))
      if snapshot.rows.count > room {
        let hidden = snapshot.rows[(room - 1)...]
        let running = hidden.filter { $0.state == .running || $0.state == .waiting }.count
        more = StyledText("… \(hidden.count) more tasks, \(running) of them not done", style: .dim)
        snapshot.rows = Array(snapshot.rows.prefix(room - 1))
      }
    }
    var lines = TimelineRenderer.render(snapshot, width: width)
    if let more { lines.insert(more, at: max(1, lines.count - 3)) }
    if !tail.isEmpty { lines += [StyledText()] + tail.map { Self.outputLine($0).truncated(to: max(20, width - 1)) } }
    return lines
  }

  /// The closing account: how many tasks and how they ended, and how the program ended.
  func account(file: String, status: Int32, interrupted: Bool, standardError: String, width: Int) -> [StyledText] {
    if interrupted { return [StyledText("Interrupted: \(file) was stopped (Ctrl-C).")] }
    if taskCount == 0 {
      if standardError.contains("SyntaxError") || standardError.contains("IndentationError") {
        return [StyledText("\(file) is not valid Python (see the error above): nothing ran.")]
      }
      return [StyledText("\(file) created no asyncio tasks: nothing to draw. Does it call asyncio.run()?")]
    }
    var parts = ["\(taskCount) task" + (taskCount == 1 ? "" : "s")]
    let ended = [("finished", DemoEvent.Kind.finished), ("failed", .failed), ("cancelled", .cancelled)].compactMap { word, kind in
      counts[kind].map { "\($0) \(word)" }
    }
    if !ended.isEmpty { parts.append(ended.joined(separator: ", ")) }
    let end = status == 0 ? "\(file) exited normally." : "\(file) exited with status \(status)."
    let real = clock?.kind == "real" ? " " + Self.realClockSentence(clock?.why) : ""
    return TextWrapper.wrap(parts.joined(separator: ": ") + ". " + end + real, width: max(20, min(width, 100) - 1)).map { StyledText($0) }
  }
}

/// The trace's state, shared by the reader and the frames.
final class TraceBox: Sendable {
  let state = Mutex(TraceState())
}
