import LabTerminal

/// A recording as Chrome trace-event JSON, which Perfetto (ui.perfetto.dev) and chrome://tracing
/// open: one track per task (named `[0] A`), complete events (`"ph":"X"`) for the time it waited
/// and the time it ran, instant events (`"ph":"i"`) where it failed or was cancelled, and a
/// `caller` track with the caller's wait and its joins. Timestamps are microseconds of nominal
/// time.
public enum TraceEventExport {
  static let processID = 1
  /// The caller's track; tasks follow it, in argument order.
  static let callerThread = 1

  /// A trace's recording gets its tasks' own tracks (`json(_:of:)`).
  public static func json(_ run: RecordedRun) -> String {
    if let trace = TraceRecording(run.recording) { return json(trace, of: run) }
    let timeline = run.timeline(through: run.recording.entries.count)
    var events: [JSONValue] = [
      metadata("process_name", thread: nil, ["name": run.title]),
      metadata("thread_name", thread: callerThread, ["name": "caller"]),
      .object([
        ("name", "thread_sort_index"), ("ph", "M"), ("pid", .integer(processID)), ("tid", .integer(callerThread)),
        ("args", .object([("sort_index", 0)])),
      ]),
    ]
    let multiPhase = run.plan.phases.count > 1
    // Rows a Ctrl-C cut off read "interrupted", as on the terminal, not "running".
    let final = timeline.snapshot(title: run.title, speed: run.speed, now: run.end, isFinal: true)
    for (offset, row) in timeline.rows.enumerated() {
      let cutOff = TimelineRenderer.isCutOff(row, in: final)
      let thread = callerThread + 1 + offset
      let name = (multiPhase ? row.phase.map { "\($0) · " } ?? "" : "") + RowLabel.text(row)
      events.append(metadata("thread_name", thread: thread, ["name": name]))
      events.append(.object([
        ("name", "thread_sort_index"), ("ph", "M"), ("pid", .integer(processID)), ("tid", .integer(thread)),
        ("args", .object([("sort_index", .integer(offset + 1))])),
      ]))
      let end = row.endedAt ?? run.end
      if let waitingSince = row.waitingSince {
        events.append(complete("waiting", thread: thread, from: waitingSince, to: row.startedAt ?? end, args: [("task", .string(row.name))]))
      }
      if let startedAt = row.startedAt {
        var args: [(key: String, value: JSONValue)] = [("task", .string(row.name)), ("state", .string(cutOff ? "interrupted" : TimelineSVG.stateName(row.state)))]
        switch row.state {
        case .finished(let value): args.append(("value", .string(value)))
        case .failed(let error): args.append(("error", .string(error)))
        default: break
        }
        if let rank = row.finishRank { args.append(("finishRank", .integer(rank))) }
        if row.isOrphan { args.append(("orphan", true)) }
        events.append(complete("running", thread: thread, from: startedAt, to: end, args: args))
      }
      switch row.state {
      case .failed(let error):
        events.append(instant("\(RowLabel.text(row)) failed", thread: thread, at: end, scope: "t", args: [("error", .string(error))]))
      case .cancelled:
        events.append(instant("\(RowLabel.text(row)) cancelled", thread: thread, at: end, scope: "t", args: []))
      default:
        if cutOff { events.append(instant("\(RowLabel.text(row)) interrupted", thread: thread, at: end, scope: "t", args: [])) }
      }
    }
    var awaitStart = 0.0
    for entry in run.recording.entries {
      switch entry {
      case .phase(let name, let number, let time):
        awaitStart = time
        events.append(instant("phase \(number): \(name)", thread: callerThread, at: time, scope: "t", args: []))
      case .join(let join):
        events.append(complete("await", thread: callerThread, from: awaitStart, to: join.time, args: [("label", .string(join.label))]))
        var args: [(key: String, value: JSONValue)] = [("outcome", .string(join.outcome.rawValue)), ("detail", .string(join.detail))]
        if let error = join.error { args.append(("error", .string(error))) }
        events.append(instant(join.label, thread: callerThread, at: join.time, scope: "p", args: args))
      case .deadline(let time):
        events.append(instant("deadline", thread: callerThread, at: time, scope: "p", args: []))
      case .event:
        break
      }
    }
    return JSONValue.object([
      ("traceEvents", .array(events)),
      ("displayTimeUnit", "ms"),
      ("otherData", .object([
        ("title", .string(run.title)),
        ("command", .string(run.recording.header.command.joined(separator: " "))),
        ("time", "nominal seconds (real seconds × speed)"),
      ])),
    ]).text + "\n"
  }

  /// Nominal seconds as whole microseconds.
  static func microseconds(_ seconds: Double) -> JSONValue { .integer(Int((seconds * 1e6).rounded())) }

  static func metadata(_ name: String, thread: Int?, _ args: KeyValuePairs<String, String>) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [("name", .string(name)), ("ph", "M"), ("pid", .integer(processID))]
    if let thread { members.append(("tid", .integer(thread))) }
    members.append(("args", .object(args.map { ($0.key, JSONValue.string($0.value)) })))
    return .object(members)
  }

  static func complete(
    _ name: String, thread: Int, from start: Double, to end: Double, args: [(key: String, value: JSONValue)]
  ) -> JSONValue {
    .object([
      ("name", .string(name)), ("cat", "task"), ("ph", "X"),
      ("ts", microseconds(start)), ("dur", microseconds(max(0, end - start))),
      ("pid", .integer(processID)), ("tid", .integer(thread)), ("args", .object(args)),
    ])
  }

  static func instant(
    _ name: String, thread: Int, at time: Double, scope: String, args: [(key: String, value: JSONValue)],
    category: String? = nil
  ) -> JSONValue {
    .object([
      ("name", .string(name)), ("cat", .string(category ?? (thread == callerThread ? "caller" : "task"))), ("ph", "i"), ("s", .string(scope)),
      ("ts", microseconds(time)), ("pid", .integer(processID)), ("tid", .integer(thread)), ("args", .object(args)),
    ])
  }
}
