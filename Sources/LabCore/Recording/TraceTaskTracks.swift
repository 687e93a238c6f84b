import LabTerminal

/// A `trace --record` recording as Chrome trace-event JSON: one track per task, named by its
/// trace id and label (`#2 fetch('a', 0.05)`) and sorted by id, with the trace's own facts as
/// slices — `waiting` from its creation to its start, then `running` and `awaiting <what>` as its
/// `await` lines say (running from its start or an `await` line with no `on` until the next
/// line with one, awaiting that until the next), up to its end, whose state, value or error
/// the last slice carries. Failures, cancellations, joins (on the track of the task that made
/// the gather or TaskGroup) and a deadline are instant events. Timestamps are microseconds on
/// the trace's clock.
///
/// ```text
/// #2 fetch('a', 0.05)  [waiting][running][awaiting sleep 0.05s·························]
/// ```
extension TraceEventExport {
  public static func json(_ trace: TraceRecording, of run: RecordedRun) -> String {
    let interrupted = run.recording.recordedOutcome == "interrupted"
    var tracks: [Int: TaskTrack] = [:]
    var parents: [TraceForest.Container: Int] = [:]
    var processEvents: [JSONValue] = []
    var finishRank = 0
    var clock: String?
    for (line, time) in zip(trace.lines, trace.instants) {
      switch line.type {
      case "event":
        guard let id = line.id, let kind = line.event else { continue }
        if tracks[id] == nil {
          // A task seen first by its end is one the trace did not report starting: left out, as the tree does.
          guard kind == "waiting" || kind == "started" else { continue }
          tracks[id] = TaskTrack(id: id, task: line.task ?? "task #\(id)", created: time)
        }
        switch kind {
        case "started": tracks[id]?.start(at: time)
        case "finished":
          finishRank += 1
          tracks[id]?.end(at: time, state: "finished", [("value", .string(line.value ?? "")), ("finishRank", .integer(finishRank))])
        case "failed":
          let error = line.error ?? "failed"
          tracks[id]?.end(at: time, state: "failed", [("error", .string(error))], instant: ("failed", [("error", .string(error))]))
        case "cancelled": tracks[id]?.end(at: time, state: "cancelled", [], instant: ("cancelled", []))
        default: break
        }
      case "await":
        guard let id = line.id else { continue }
        tracks[id]?.wait(on: line.on, at: time)
      case "gather":
        if let number = line.gather, let parent = line.parent { parents[.gather(number)] = parent }
      case "group":
        if let number = line.group, let parent = line.parent { parents[.group(number)] = parent }
      case "join":
        guard let container = line.gather.map(TraceForest.Container.gather) ?? line.group.map(TraceForest.Container.group)
        else { continue }
        var what = line.label ?? "joined"
        for prefix in ["gather ", "TaskGroup "] where what.hasPrefix(prefix) { what.removeFirst(prefix.count) }
        var args: [(key: String, value: JSONValue)] = [("outcome", .string(line.outcome ?? ""))]
        if let error = line.error { args.append(("error", .string(error))) }
        if let orphans = line.orphans, !orphans.isEmpty { args.append(("orphans", .array(orphans.map { .string("#\($0)") }))) }
        let name = container.text + " " + what
        if let parent = parents[container], tracks[parent] != nil {
          tracks[parent]?.events.append(instant(name, thread: parent, at: time, scope: "t", args: args, category: "join"))
        } else {
          processEvents.append(instant(name, thread: taskThread, at: time, scope: "p", args: args, category: "join"))
        }
      case "deadline":
        processEvents.append(instant("deadline", thread: taskThread, at: time, scope: "p", args: [], category: "deadline"))
      case "clock":
        clock = line.clock
      default:
        break
      }
    }
    var events: [JSONValue] = [metadata("process_name", thread: nil, ["name": trace.title])]
    for id in tracks.keys.sorted() {
      guard var track = tracks[id] else { continue }
      track.end(at: trace.end, state: interrupted ? "interrupted" : "pending", [], instant: interrupted ? ("interrupted", []) : nil)
      events.append(metadata("thread_name", thread: id, ["name": track.name]))
      events.append(.object([
        ("name", "thread_sort_index"), ("ph", "M"), ("pid", .integer(processID)), ("tid", .integer(id)),
        ("args", .object([("sort_index", .integer(id))])),
      ]))
      events += track.events
    }
    var other: [(key: String, value: JSONValue)] = [
      ("title", .string(trace.title)),
      ("command", .string(run.recording.header.command.joined(separator: " "))),
      ("time", "seconds on the trace's clock"),
    ]
    if let clock { other.append(("clock", .string(clock))) }
    return JSONValue.object([
      ("traceEvents", .array(events + processEvents)),
      ("displayTimeUnit", "ms"),
      ("otherData", .object(other)),
    ]).text + "\n"
  }

  /// The track instants without a task of their own go on: the first task's (the program's
  /// `main()`), scoped to the whole process.
  static let taskThread = 1

  /// One task's track as the lines go by: its closed slices, and the one still open.
  struct TaskTrack {
    let id: Int
    let task: String
    var events: [JSONValue] = []
    /// The open slice: "waiting", "running" or "awaiting …", since when, and what it waits on.
    var open: (name: String, since: Double, on: String?)?
    var hasStarted = false

    init(id: Int, task: String, created: Double) {
      self.id = id
      self.task = task
      open = ("waiting", created, nil)
    }

    /// `#2 fetch('a', 0.05)`.
    var name: String { "#\(id) " + task }

    mutating func start(at time: Double) {
      guard !hasStarted, open != nil else { return }
      hasStarted = true
      close(at: time, args: [])
      open = ("running", time, nil)
    }

    /// An `await` line: it now waits on `on`, or (nil) runs again.
    mutating func wait(on: String?, at time: Double) {
      guard hasStarted, let current = open, current.on != on else { return }
      close(at: time, args: [])
      open = on.map { ("awaiting " + $0, time, $0) } ?? ("running", time, nil)
    }

    /// Its end: the open slice closes with how it ended; a failure or a cancellation is also an instant.
    mutating func end(
      at time: Double, state: String, _ args: [(key: String, value: JSONValue)],
      instant what: (String, [(key: String, value: JSONValue)])? = nil
    ) {
      guard open != nil else { return }
      close(at: time, args: [("state", .string(state))] + args, last: true)
      if let (word, instantArgs) = what {
        events.append(TraceEventExport.instant(name + " " + word, thread: id, at: time, scope: "t", args: instantArgs, category: "task"))
      }
    }

    /// Closes the open slice; one of no length is left out unless it is the task's last.
    private mutating func close(at time: Double, args: [(key: String, value: JSONValue)], last: Bool = false) {
      guard let current = open else { return }
      open = nil
      let (start, stop) = (Self.microseconds(current.since), Self.microseconds(time))
      guard last || stop != start else { return }
      var all: [(key: String, value: JSONValue)] = [("task", .string(task))]
      if let on = current.on { all.append(("on", .string(on))) }
      // The length from the rounded ends, so that one slice ends where the next begins: a
      // microsecond of overlap would make Perfetto read the next as inside this one.
      events.append(.object([
        ("name", .string(current.name)), ("cat", "task"), ("ph", "X"),
        ("ts", .integer(start)), ("dur", .integer(max(0, stop - start))),
        ("pid", .integer(TraceEventExport.processID)), ("tid", .integer(id)), ("args", .object(all + args)),
      ]))
    }

    static func microseconds(_ seconds: Double) -> Int { Int((seconds * 1e6).rounded()) }
  }
}
