/// The JSON Lines a `--json` run prints: one `demo` header, one `event` per task state change,
/// one `result` last. Times are measured nominal seconds, rounded to the millisecond.
public enum DemoJSON {
  /// The header line; `runtime` names a runtime other than Swift: "CPython 3.11.7".
  public static func header(demo: String, parameters: DemoParameters, speed: Double, runtime: String? = nil) -> String {
    var members: [(key: String, value: JSONValue)] = [
      ("type", "demo"),
      ("demo", .string(demo)),
      ("speed", .number(speed)),
      ("params", .object(parameters.values.map { ($0.name, json($0.value)) })),
    ]
    if let runtime { members.append(("runtime", .string(runtime))) }
    return JSONValue.object(members).text
  }

  /// Any log entry as its JSON line: `event`, `phase`, `join` or `deadline`.
  public static func entry(_ entry: DemoLogEntry) -> String {
    switch entry {
    case .event(let event):
      return self.event(event)
    case .phase(let name, let number, let time):
      return JSONValue.object([
        ("type", "phase"), ("t", .seconds(time)), ("name", .string(name)), ("number", .integer(number)),
      ]).text
    case .join(let join):
      return JSONValue.object([
        ("type", "join"),
        ("t", .seconds(join.time)),
        ("label", .string(join.label)),
        ("detail", .string(join.detail)),
        ("outcome", .string(join.outcome.rawValue)),
        ("error", .optional(join.error)),
      ] + (join.slots.map { [("slots", JSONValue.array($0.map(JSONValue.string)))] } ?? [])).text
    case .deadline(let time):
      return JSONValue.object([("type", "deadline"), ("t", .seconds(time))]).text
    }
  }

  public static func event(_ event: DemoEvent) -> String {
    var members: [(key: String, value: JSONValue)] = [
      ("type", "event"),
      ("t", .seconds(event.time)),
      ("task", .string(event.task)),
      ("event", .string(event.kind.rawValue)),
      ("value", .optional(event.value)),
      ("error", .optional(event.error)),
      ("phase", .optional(event.phase)),
    ]
    if event.isOrphan { members.append(("orphan", true)) }
    return JSONValue.object(members).text
  }

  public static func result(_ report: DemoReport) -> String {
    var members: [(key: String, value: JSONValue)] = [
      ("type", "result"),
      ("outcome", .string(report.outcome.rawValue)),
      ("elapsed", .seconds(report.elapsed)),
      ("ideal", .seconds(report.ideal)),
      ("sequential", .seconds(report.sequential)),
      ("speedup", report.meaningfulSpeedup.map { .number(($0 * 100).rounded() / 100) } ?? .null),
      ("results", .array(report.results.map { slot($0.task, $0.result) })),
      ("error", .optional(report.error)),
      ("finishOrder", .array(report.finishOrder.map(JSONValue.string))),
      ("orphans", .array(report.orphans.map(JSONValue.string))),
      ("maxRunning", .integer(report.maxRunning)),
      ("maxExisting", .integer(report.maxExisting)),
    ]
    if !report.phaseTimes.isEmpty {
      members.append(("phases", .array(report.phaseTimes.map {
        .object([("phase", .string($0.phase)), ("elapsed", .seconds($0.elapsed))])
      })))
    }
    return JSONValue.object(members).text
  }

  static func slot(_ task: String, _ result: DemoReport.SlotResult) -> JSONValue {
    switch result {
    case .value(let value, let lost):
      lost ? .object([("task", .string(task)), ("value", .string(value)), ("lost", true)])
        : .object([("task", .string(task)), ("value", .string(value))])
    case .error(let error): .object([("task", .string(task)), ("error", .string(error))])
    case .cancelled(let caught): .object([("task", .string(task)), ("error", .string(caught ?? "cancelled")), ("cancelled", true)])
    case .notCreated: .object([("task", .string(task)), ("error", "not created"), ("notCreated", true)])
    case .unfinished: .object([("task", .string(task)), ("error", "unfinished"), ("unfinished", true)])
    }
  }

  static func json(_ value: DemoParameterValue) -> JSONValue {
    switch value {
    case .integer(let number): .integer(number)
    case .seconds(let seconds): .number(seconds)
    case .secondsList(let list): .array(list.map(JSONValue.number))
    case .choice(let option): .string(option)
    }
  }
}
