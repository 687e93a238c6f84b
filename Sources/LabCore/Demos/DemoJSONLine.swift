import Foundation

/// One line of a run's JSON Lines read back: what Python twins print, what recordings hold.
/// Lines of a type it does not know, and fields it does not know, are kept aside or ignored, so
/// the schema can grow (DESIGN §2).
public enum DemoJSONLine: Sendable, Equatable {
  /// `{"type":"demo","demo":"ordering","speed":1,"params":{…},"runtime":"CPython 3.11.7"}`.
  case header(DemoJSONHeader)
  /// An `event`, `phase`, `join` or `deadline` line.
  case entry(DemoLogEntry)
  /// The `result` line, as its raw JSON object text (a reader derives its own report from the
  /// entries, with the code a Swift run uses).
  case result(String)
  /// A line of another type: `recording`, `output`, or one this version does not know.
  case other(type: String, text: String)

  /// Parses one line; throws a sentence saying what is wrong with it.
  public static func parse(_ text: String) throws(DemoJSONLineError) -> DemoJSONLine {
    let line: RawLine
    do {
      line = try JSONDecoder().decode(RawLine.self, from: Data(text.utf8))
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
      throw .missing(context.codingPath.first?.stringValue ?? "type")
    } catch {
      throw .notJSON
    }
    guard let type = line.type else { throw .missing("type") }
    func required<T>(_ value: T?, _ key: String) throws(DemoJSONLineError) -> T {
      guard let value else { throw .missing(key) }
      return value
    }
    func time() throws(DemoJSONLineError) -> Double {
      guard let t = line.t, t.isFinite else { throw .missing("t") }
      return t
    }
    switch type {
    case "demo":
      // The speed divides every wait of a replay: one outside 0.1–100 is not a run's.
      let speed = line.speed ?? 1
      guard (try? DemoSpeed(speed)) != nil else { throw .invalid("speed") }
      return .header(DemoJSONHeader(
        demo: try required(line.demo, "demo"),
        speed: speed,
        params: (line.params ?? [:]).mapValues(\.text),
        runtime: line.runtime
      ))
    case "event":
      guard let kind = DemoEvent.Kind(rawValue: try required(line.event, "event")) else { throw .invalid("event") }
      return .entry(.event(DemoEvent(
        time: try time(),
        task: try required(line.task, "task"),
        kind: kind,
        value: line.value,
        error: line.error,
        phase: line.phase,
        isOrphan: line.orphan ?? false
      )))
    case "phase":
      return .entry(.phase(name: try required(line.name, "name"), number: line.number ?? 1, time: try time()))
    case "join":
      let outcome = line.outcome.flatMap(DemoReport.Outcome.init(rawValue:)) ?? .returned
      return .entry(.join(DemoJoin(
        time: try time(),
        label: try required(line.label, "label"),
        detail: line.detail ?? "",
        outcome: outcome,
        error: line.error,
        slots: line.slots
      )))
    case "deadline":
      return .entry(.deadline(time: try time()))
    case "result":
      return .result(text)
    default:
      return .other(type: type, text: text)
    }
  }

  /// Every field any line type has; each line uses some.
  private struct RawLine: Decodable {
    var type: String?
    var t: Double?
    var task: String?
    var event: String?
    var value: String?
    var error: String?
    var phase: String?
    var orphan: Bool?
    var label: String?
    var detail: String?
    var slots: [String]?
    var outcome: String?
    var name: String?
    var number: Int?
    var demo: String?
    var speed: Double?
    var runtime: String?
    var params: [String: ParameterValue]?
  }

  /// A header parameter: a number, a word, or a list of numbers; read back as `key=value` text.
  private struct ParameterValue: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if let number = try? container.decode(Double.self) {
        text = DemoParameter.format(number)
      } else if let word = try? container.decode(String.self) {
        text = word
      } else {
        text = try container.decode([Double].self).map(DemoParameter.format).joined(separator: ",")
      }
    }
  }
}

/// A run's header line, read back.
public struct DemoJSONHeader: Sendable, Equatable {
  public var demo: String
  public var speed: Double
  /// The parameters as `key=value` text, ready for `Demo.resolve`.
  public var params: [String: String]
  /// "CPython 3.11.7" for a Python twin's run; nil for a Swift run.
  public var runtime: String?

  public init(demo: String, speed: Double, params: [String: String], runtime: String? = nil) {
    self.demo = demo
    self.speed = speed
    self.params = params
    self.runtime = runtime
  }
}

/// Why a JSON line could not be read.
public enum DemoJSONLineError: Error, Equatable, CustomStringConvertible {
  case notJSON
  case missing(String)
  case invalid(String)

  public var description: String {
    switch self {
    case .notJSON: "not a JSON object"
    case .missing(let key): "missing or invalid \"\(key)\""
    case .invalid(let key): "unknown value of \"\(key)\""
    }
  }
}
