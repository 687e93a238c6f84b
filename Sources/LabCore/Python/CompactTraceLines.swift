import Foundation

/// The tracer's batch lines, turned back into DESIGN §10's lines. After its header the tracer
/// writes one line per batch, `[ORIGIN, ITEM, …]` (the wire format is described at the top of
/// `_gatherlab_trace.py`): an ITEM is a whole line in a JSON string, or the array of one of the
/// events every task makes, which costs the program less to build than its JSON line:
///
///     [1, id, created, started, label, parent, gather, group]   "waiting" and "started"
///     [2, id, t, value]   "finished" (value: null for None, an int, or the text shown)
///     [3, id, t]          "cancelled"
///     [4, id, t, error]   "failed"
///     [5, id, t, on, [ids]]   "await" (on: null when the task runs again)
///     [6, t, stream, seq, bytes]   "write" (a write of the program's on virtual time)
///
/// Times are whole nanoseconds on the tracer's clock; ORIGIN is the trace's 0. Each line comes
/// back as the tracer wrote it before it batched them: the same `TraceLine`, with a task's label,
/// parent, gather and group on each of its events (kept from its start until its last event), and
/// its JSON text with `t` in tenths of a millisecond.
///
/// ```swift
/// var lines = CompactTraceLines()
/// lines.lines(#"[0,[1,7,0,1000000,"work(1)",null,null,null]]"#)?.map(\.line.event)  // ["waiting", "started"]
/// ```
public struct CompactTraceLines {
  /// A started task's fields, as each of its events carries them.
  private struct Started {
    var task: String
    var parent: Int?
    var gather: Int?
    var group: Int?
    /// `,"id":…,"task":…,"parent":…,"gather":…,"group":…`
    var fields: String
  }

  private var started: [Int: Started] = [:]

  public init() {}

  /// `lines(_:)` of a line's text.
  public mutating func lines(_ text: String) -> [(text: String, line: TraceLine)]? {
    lines(ArraySlice(text.utf8))
  }

  /// The lines of a batch line (its text and its `TraceLine`, in order); nil when `bytes` is not
  /// one. A whole line that is not one of the tracer's is left out, as `TraceLineScanner` leaves
  /// it, and so is the end of a task that never started here.
  public mutating func lines(_ bytes: ArraySlice<UInt8>) -> [(text: String, line: TraceLine)]? {
    bytes.withUnsafeBufferPointer { buffer in
      var reader = TraceLineScanner.Reader(bytes: buffer)
      return read(&reader)
    }
  }

  private mutating func read(_ reader: inout TraceLineScanner.Reader) -> [(text: String, line: TraceLine)]? {
    guard reader.take(UInt8(ascii: "[")), let origin = Self.integer(&reader) else { return nil }
    var lines: [(text: String, line: TraceLine)] = []
    while true {
      reader.skipSpace()
      if reader.take(UInt8(ascii: "]")) {
        reader.skipSpace()
        return reader.atEnd ? lines : nil
      }
      guard reader.take(UInt8(ascii: ",")) else { return nil }
      reader.skipSpace()
      guard !reader.atEnd else { return nil }
      if reader.bytes[reader.index] == UInt8(ascii: "\"") {
        guard let text = reader.string() else { return nil }
        if let line = TraceLineScanner.line(ArraySlice(text.utf8)) { lines.append((text, line)) }
      } else {
        guard reader.take(UInt8(ascii: "[")), let events = event(&reader, origin: origin) else { return nil }
        lines += events
      }
    }
  }

  /// One event array, its `[` read.
  private mutating func event(_ reader: inout TraceLineScanner.Reader, origin: Int) -> [(text: String, line: TraceLine)]? {
    guard let kind = Self.integer(&reader), Self.comma(&reader) else { return nil }
    if kind == 6 { return write(&reader, origin: origin) }
    guard let id = Self.integer(&reader), Self.comma(&reader), let time = Self.integer(&reader) else { return nil }
    let ticks = Self.ticks(time - origin)
    var result: [(text: String, line: TraceLine)] = []
    switch kind {
    case 1:
      guard Self.comma(&reader), let now = Self.integer(&reader), Self.comma(&reader), let task = reader.string(),
        Self.comma(&reader), case .some(let parent) = Self.optionalInteger(&reader), Self.comma(&reader),
        case .some(let gather) = Self.optionalInteger(&reader), Self.comma(&reader),
        case .some(let group) = Self.optionalInteger(&reader)
      else { return nil }
      let fields = ",\"id\":\(id),\"task\":\(JSONValue.string(task).text),\"parent\":\(Self.text(parent)),\"gather\":\(Self.text(gather)),\"group\":\(Self.text(group))"
      let state = Started(task: task, parent: parent, gather: gather, group: group, fields: fields)
      started[id] = state
      result.append(Self.event("waiting", state, id: id, ticks: ticks))
      result.append(Self.event("started", state, id: id, ticks: Self.ticks(now - origin)))
    case 2, 3, 4:
      let ending: (kind: String, extra: (key: String, value: String)?)
      switch kind {
      case 2:
        guard Self.comma(&reader), let value = reader.value() else { return nil }
        let shown: String
        switch value {
        case .null: shown = "None"
        case .string(let text): shown = text
        case .number(let span): guard let number = TraceLineScanner.Reader.integer(span) else { return nil }; shown = String(number)
        default: return nil
        }
        ending = ("finished", ("value", shown))
      case 3:
        ending = ("cancelled", nil)
      default:
        guard Self.comma(&reader), let error = reader.string() else { return nil }
        ending = ("failed", ("error", error))
      }
      // (The tracer starts a task before it ends it: an end of a task never started here says
      // nothing, and the rest of the batch still reads.)
      if let state = started.removeValue(forKey: id) {
        result.append(Self.event(ending.kind, state, id: id, ticks: ticks, extra: ending.extra))
      }
    case 5:
      guard Self.comma(&reader), case .some(let on) = Self.optionalString(&reader), Self.comma(&reader),
        let tasks = reader.numbers()
      else { return nil }
      var line = TraceLine(type: "await", t: Self.seconds(ticks), id: id)
      line.on = on
      line.tasks = tasks
      let text = "{\"type\":\"await\",\"t\":\(Self.text(ticks: ticks)),\"id\":\(id),\"on\":\(on.map { JSONValue.string($0).text } ?? "null"),\"tasks\":[\(tasks.map(String.init).joined(separator: ","))]}"
      result.append((text, line))
    default:
      return nil
    }
    reader.skipSpace()
    return reader.take(UInt8(ascii: "]")) ? result : nil
  }

  /// A write line's array, after its kind: `[6, t, stream, seq, bytes]`.
  private func write(_ reader: inout TraceLineScanner.Reader, origin: Int) -> [(text: String, line: TraceLine)]? {
    guard let time = Self.integer(&reader), Self.comma(&reader), let stream = reader.string(), Self.comma(&reader),
      let seq = Self.integer(&reader), Self.comma(&reader), let bytes = Self.integer(&reader)
    else { return nil }
    reader.skipSpace()
    guard reader.take(UInt8(ascii: "]")) else { return nil }
    let ticks = Self.ticks(time - origin)
    let text = "{\"type\":\"write\",\"t\":\(Self.text(ticks: ticks)),\"stream\":\(JSONValue.string(stream).text),\"seq\":\(seq),\"bytes\":\(bytes)}"
    return [(text, TraceLine(type: "write", t: Self.seconds(ticks)))]
  }

  private static func event(
    _ kind: String, _ state: Started, id: Int, ticks: Int, extra: (key: String, value: String)? = nil
  ) -> (text: String, line: TraceLine) {
    var line = TraceLine(type: "event", t: seconds(ticks), id: id, task: state.task, event: kind)
    line.parent = state.parent
    line.gather = state.gather
    line.group = state.group
    var text = "{\"type\":\"event\",\"t\":\(Self.text(ticks: ticks))\(state.fields),\"event\":\"\(kind)\""
    if let extra {
      if extra.key == "value" { line.value = extra.value } else { line.error = extra.value }
      text += ",\"\(extra.key)\":\(JSONValue.string(extra.value).text)"
    }
    return (text + "}", line)
  }

  /// Nanoseconds in tenths of a millisecond, rounded half up.
  public static func ticks(_ nanoseconds: Int) -> Int {
    let tick = 100_000
    return nanoseconds >= 0 ? (nanoseconds + tick / 2) / tick : -((-nanoseconds + tick / 2) / tick)
  }

  /// A time in ticks as the reader of a line's "t" has it: ticks / 10 000, one correctly rounded
  /// division, as `TraceLineScanner` reads "0.0123".
  public static func seconds(_ ticks: Int) -> Double { Double(ticks) / 10_000 }

  /// A time in ticks as `f"{t:.4f}"` writes it.
  public static func text(ticks: Int) -> String {
    let whole = abs(ticks) / 10_000
    let fraction = String(abs(ticks) % 10_000)
    return (ticks < 0 ? "-" : "") + "\(whole)." + String(repeating: "0", count: 4 - fraction.count) + fraction
  }

  private static func text(_ number: Int?) -> String { number.map(String.init) ?? "null" }

  private static func comma(_ reader: inout TraceLineScanner.Reader) -> Bool {
    reader.skipSpace()
    let found = reader.take(UInt8(ascii: ","))
    reader.skipSpace()
    return found
  }

  private static func integer(_ reader: inout TraceLineScanner.Reader) -> Int? {
    reader.skipSpace()
    return reader.number().flatMap(TraceLineScanner.Reader.integer)
  }

  /// An integer or null: .some(nil) for null, nil for anything else.
  private static func optionalInteger(_ reader: inout TraceLineScanner.Reader) -> Int?? {
    if reader.literal("null") { return .some(nil) }
    return integer(&reader).map { .some($0) }
  }

  private static func optionalString(_ reader: inout TraceLineScanner.Reader) -> String?? {
    if reader.literal("null") { return .some(nil) }
    return reader.string().map { .some($0) }
  }
}
