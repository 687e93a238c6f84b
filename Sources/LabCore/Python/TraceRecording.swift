import LabTerminal

/// A `trace --record` recording read back as the trace drew it: the tracer's lines, so that
/// `replay` and `replay --step` show the same tree (and, at a stop, where each task waits) at
/// any instant. A recording of anything else is not one (`init` gives nil).
///
/// ```swift
/// let trace = TraceRecording(try Recording.read(path: "crawl.jsonl"))
/// trace?.frame(at: 1.2, width: 80, height: 24)  // the tree as it stood at 1.20s
/// ```
public struct TraceRecording: Sendable {
  /// The tracer's lines, in order; each takes effect at its `t` (a deadline when it is set).
  public let lines: [TraceLine]
  /// When each line takes effect.
  let instants: [Double]
  public let title: String
  public let end: Double
  /// The program's file name, as the trace's account names it.
  let file: String
  /// How the program ended, from the recording's result line; nil when it does not say.
  public let ending: Ending?

  /// How a traced program ended.
  public enum Ending: Sendable, Equatable {
    case exited(status: Int)
    case interrupted
  }

  public init?(_ recording: Recording) {
    guard recording.run == nil, recording.header.command.dropFirst().first == "trace" else { return nil }
    var lines: [TraceLine] = []
    var instants: [Double] = []
    var latest = 0.0
    var runtime: String?
    for text in recording.lines {
      guard let line = TraceLine.parse(text), line.type != "result" else { continue }
      if line.type == "trace" { runtime = line.runtime }
      if line.type != "deadline" { latest = max(latest, line.t ?? latest) }
      lines.append(line)
      instants.append(latest)
    }
    self.lines = lines
    self.instants = instants
    end = latest
    let path = recording.header.command.dropFirst(2).first { !$0.hasPrefix("-") } ?? "program"
    let file = path.split(separator: "/").last.map(String.init) ?? path
    title = "trace · " + file + (runtime.map { " · " + $0 } ?? "")
    self.file = file
    ending = recording.recordedOutcome == "interrupted" ? .interrupted : recording.recordedStatus.map { .exited(status: $0) }
  }

  /// How the last picture is titled: "interrupted at 0.60s" for a run stopped by a Ctrl-C, as the
  /// trace titled it, else "done 1.00s".
  var finalMoment: TraceTreeRenderer.Moment { ending == .interrupted ? .interrupted : .done }

  /// The trace's tasks as they stood at `time`.
  public func forest(at time: Double) -> TraceForest {
    var forest = TraceForest()
    var applied = 0
    advance(&forest, applied: &applied, to: time)
    return forest
  }

  /// Applies the lines after the first `applied` that have taken effect at `time`: a replay
  /// moves one forest forward frame by frame instead of rebuilding it.
  public func advance(_ forest: inout TraceForest, applied: inout Int, to time: Double) {
    while applied < lines.count, instants[applied] <= time + 1e-9 {
      forest.apply(lines[applied])
      applied += 1
    }
  }

  /// The live view's picture at `time`: the tree folded to fit `height` lines.
  public func frame(at time: Double, width: Int, height: Int, isFinal: Bool = false) -> [StyledText] {
    TraceTreeRenderer.fitted(
      forest(at: time), title: title, now: time, moment: isFinal ? finalMoment : .live, width: width, height: height
    )
  }

  /// A stop of `replay --step`: the tree at `time`, then where each task waits then.
  public func stop(at time: Double, width: Int, height: Int) -> [StyledText] {
    Self.stop(forest(at: time), title: title, at: time, width: width, height: height)
  }

  static func stop(_ forest: TraceForest, title: String, at time: Double, width: Int, height: Int) -> [StyledText] {
    let picture = TraceTreeRenderer.awaitPicture(forest, now: time, width: width)
    let treeRoom = max(6, height - min(picture.count, max(3, height / 3)) - 1)
    var lines = TraceTreeRenderer.fitted(forest, title: title, now: time, moment: .live, width: width, height: treeRoom)
    let pictureRoom = max(2, height - lines.count - 1)
    lines.append(StyledText())
    if picture.count > pictureRoom {
      lines += picture.prefix(pictureRoom - 1) + [StyledText("… \(picture.count - pictureRoom + 1) more lines", style: .dim)]
    } else {
      lines += picture
    }
    return lines
  }

  /// "4 tasks: 3 finished, 1 cancelled. prog.py exited normally.": the account at the end, as the
  /// trace closed (how the program ended, when the recording says).
  public func account(width: Int) -> [StyledText] {
    let ended: String
    switch ending {
    case .exited(let status): ended = " " + TraceAccount.exited(file: file, status: status)
    case .interrupted: ended = " \(file) was stopped (Ctrl-C)."
    case nil: ended = ""
    }
    return TextWrapper.wrap(TraceAccount.tasks(forest(at: end)) + "." + ended, width: max(20, min(width, 100) - 1)).map { StyledText($0) }
  }

  /// What happened after `start` (from the beginning when nil) up to `end`, as a stop of
  /// `replay --step` says it: tasks by trace id (`#2 fetch('a', 1)`), joins by their gather or
  /// TaskGroup, and what tasks began to wait on.
  public func happened(after start: Double?, through end: Double) -> [String] {
    var labels = TaskLabels()
    return happened(after: start, through: end, labels: &labels)
  }

  /// The tasks' names by trace id (`#2 fetch('a', 1)`), as read from the lines so far: a cast
  /// says what happened at each of its stops in one pass over the lines, not one from the start
  /// for every stop.
  public struct TaskLabels: Sendable {
    var byID: [Int: String] = [:]
    /// Lines read.
    var read = 0

    public init() {}
  }

  /// `happened(after:through:)`, reading on from the lines `labels` has read: stops asked for in
  /// order read each line once.
  public func happened(after start: Double?, through end: Double, labels: inout TaskLabels) -> [String] {
    var ended: [(String, [String])] = [("finished", []), ("failed", []), ("cancelled", [])]
    var started: [String] = []
    var created: [String] = []
    var joins: [String] = []
    var waits: [String: [String]] = [:]
    var waitOrder: [String] = []
    var index = labels.read
    defer { labels.read = index }
    while index < lines.count {
      let (line, instant) = (lines[index], instants[index])
      if line.type == "event", let id = line.id, let task = line.task { labels.byID[id] = "#\(id) " + task }
      guard instant <= end + 1e-9 else { break }
      index += 1
      guard start.map({ instant > $0 + 1e-9 }) ?? true else { continue }
      let name = line.id.map { labels.byID[$0] ?? "#\($0)" } ?? ""
      switch line.type {
      case "event":
        switch line.event {
        case "waiting": created.append(name)
        case "started":
          created.removeAll { $0 == name }
          started.append(name)
        case "finished": ended[0].1.append(name)
        case "failed": ended[1].1.append(name)
        case "cancelled": ended[2].1.append(name)
        default: break
        }
      case "join":
        let container = line.gather.map(TraceForest.Container.gather) ?? line.group.map(TraceForest.Container.group)
        var what = line.label ?? "joined"
        for prefix in ["gather ", "TaskGroup "] where what.hasPrefix(prefix) { what.removeFirst(prefix.count) }
        joins.append((container?.text ?? "a gather") + " " + what)
      case "await":
        guard let on = line.on else { continue }
        if waits[on] == nil { waitOrder.append(on) }
        waits[on, default: []].append(name)
      default:
        break
      }
    }
    var parts: [String] = []
    for (word, names) in ended where !names.isEmpty {
      parts.append(StepNarration.list(names) + (word == "cancelled" ? (names.count == 1 ? " was" : " were") + " cancelled" : " " + word))
    }
    if !started.isEmpty { parts.append(StepNarration.list(started) + " started") }
    if !created.isEmpty { parts.append(StepNarration.list(created) + (created.count == 1 ? " was" : " were") + " created") }
    for on in waitOrder {
      let names = waits[on] ?? []
      parts.append(StepNarration.list(names) + (names.count == 1 ? " waits on " : " wait on ") + on)
    }
    return parts + joins
  }
}
