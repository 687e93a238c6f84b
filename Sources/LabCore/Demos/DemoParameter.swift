/// One `key=value` parameter a demo accepts: its name, type, default, valid range and help line.
///
/// Parameters are parsed and range-checked here and nowhere else; the error says what is valid.
public struct DemoParameter: Sendable {
  /// What kind of value the parameter takes, with its valid range.
  public enum Kind: Sendable {
    /// A whole number.
    case integer(ClosedRange<Int>)
    /// A duration in nominal seconds ("1", "0.5", "2s").
    case seconds(ClosedRange<Double>)
    /// Comma-separated durations, one per task ("3,1,2").
    case secondsList(each: ClosedRange<Double>, count: ClosedRange<Int>)
    /// One word out of a fixed set.
    case choice([String])
    /// A whole number, or the word `none` for "no such thing" (`fail=3`, `fail=none`).
    case integerOrNone(ClosedRange<Int>)
  }

  public let name: String
  public let kind: Kind
  public let defaultValue: String
  public let help: String

  public init(_ name: String, _ kind: Kind, default defaultValue: String, help: String) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.help = help
  }

  /// The valid values, as shown by `list`, `demos` and in errors: "1–100", "0–60 s",
  /// "1–12 values, each 0–60 s", "taskgroup|gather".
  public var range: String {
    switch kind {
    case .integer(let range): "\(range.lowerBound)–\(range.upperBound)"
    case .seconds(let range): "\(Self.format(range.lowerBound))–\(Self.format(range.upperBound)) s"
    case .secondsList(let each, let count):
      "\(count.lowerBound)–\(count.upperBound) values, each \(Self.format(each.lowerBound))–\(Self.format(each.upperBound)) s"
    case .choice(let options): options.joined(separator: "|")
    case .integerOrNone(let range): "none|\(range.lowerBound)–\(range.upperBound)"
    }
  }

  /// What the error message says is expected, in a sentence fragment.
  private var expectation: String {
    switch kind {
    case .integer(let range): "a whole number from \(range.lowerBound) to \(range.upperBound)"
    case .seconds(let range): "seconds from \(Self.format(range.lowerBound)) to \(Self.format(range.upperBound))"
    case .secondsList(let each, let count):
      "\(count.lowerBound) to \(count.upperBound) comma-separated seconds, each from \(Self.format(each.lowerBound)) to \(Self.format(each.upperBound))"
    case .choice(let options): "one of " + options.joined(separator: ", ")
    case .integerOrNone(let range): "none or a whole number from \(range.lowerBound) to \(range.upperBound)"
    }
  }

  /// Parses `text`, or throws an error naming this parameter and its valid range.
  public func parse(_ text: String) throws(DemoParameterError) -> DemoParameterValue {
    let invalid = DemoParameterError.invalidValue(parameter: name, value: text, expected: expectation)
    let trimmed = text.trimmingWhitespace()
    switch kind {
    case .integer(let range):
      guard let number = Int(trimmed), range.contains(number) else { throw invalid }
      return .integer(number)
    case .seconds(let range):
      guard let seconds = Self.parseSeconds(trimmed), range.contains(seconds) else { throw invalid }
      return .seconds(seconds)
    case .secondsList(let each, let count):
      let items = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
      let values = items.compactMap { Self.parseSeconds($0.trimmingWhitespace()) }
      guard values.count == items.count, count.contains(values.count), values.allSatisfy(each.contains) else {
        throw invalid
      }
      return .secondsList(values)
    case .choice(let options):
      guard let option = options.first(where: { $0 == trimmed.lowercased() }) else { throw invalid }
      return .choice(option)
    case .integerOrNone(let range):
      if trimmed.lowercased() == "none" { return .choice("none") }
      guard let number = Int(trimmed), range.contains(number) else { throw invalid }
      return .integer(number)
    }
  }

  /// "1", "0.5", "2s", "2.5 s": seconds as a finite number; nil otherwise.
  static func parseSeconds(_ text: String) -> Double? {
    var number = Substring(text)
    if number.hasSuffix("s") { number = number.dropLast() }
    guard let value = Double(number.trimmingWhitespace()), value.isFinite else { return nil }
    return value
  }

  /// A number of seconds as a person writes it: "1", "0.5", "2.25".
  public static func format(_ seconds: Double) -> String {
    if seconds == seconds.rounded(), abs(seconds) < 1e15 { return String(Int(seconds)) }
    var text = String(seconds)
    if text.contains("e") { return text }
    while text.hasSuffix("0") { text.removeLast() }
    return text
  }
}

/// A parsed parameter value.
public enum DemoParameterValue: Sendable, Equatable {
  case integer(Int)
  case seconds(Double)
  case secondsList([Double])
  case choice(String)

  /// The value as the user would type it: "3,1,2", "5", "gather".
  public var text: String {
    switch self {
    case .integer(let number): String(number)
    case .seconds(let seconds): DemoParameter.format(seconds)
    case .secondsList(let list): list.map(DemoParameter.format).joined(separator: ",")
    case .choice(let option): option
    }
  }
}

/// Why `key=value` arguments were refused. Each description is one sentence for stderr.
public enum DemoParameterError: Error, Equatable, CustomStringConvertible {
  case notKeyValue(argument: String, demo: String, valid: [String])
  case unknownParameter(name: String, demo: String, valid: [String])
  case invalidValue(parameter: String, value: String, expected: String)
  case repeated(name: String)
  /// Values each in range that do not go together, said as a sentence.
  case conflict(String)

  public var description: String {
    switch self {
    case .notKeyValue(let argument, let demo, let valid):
      "Expected key=value, got '\(argument)'; \(demo) takes \(Self.list(valid))."
    case .unknownParameter(let name, let demo, let valid):
      "Unknown parameter '\(name)' for \(demo)." + Suggestions.didYouMean(name, in: valid)
        + " Valid parameters: \(Self.list(valid))."
    case .invalidValue(let parameter, let value, let expected):
      "Invalid value '\(value)' for \(parameter): expected \(expected)."
    case .repeated(let name):
      "Parameter '\(name)' is given more than once."
    case .conflict(let sentence):
      sentence
    }
  }

  private static func list(_ names: [String]) -> String {
    names.isEmpty ? "no parameters" : names.joined(separator: ", ")
  }
}

/// The full set of values for one run, as text-level values: every declared parameter, from the
/// defaults, then the lesson's params, then the user's `key=value` arguments, each overriding the
/// one before. This is what the JSON header, recordings and the Python twin carry; a demo reads
/// its own typed `DemoParameterSet` decoded from it, never these values by name.
public struct DemoParameters: Sendable, Equatable {
  /// One parameter's name and parsed value.
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var value: DemoParameterValue
  }

  /// Values in the demo's declaration order.
  public private(set) var values: [Entry]

  /// The defaults, overridden by each layer of `name → text` in turn.
  public static func resolve(
    _ declared: [DemoParameter],
    demo: String,
    overrides layers: [[(name: String, value: String)]] = []
  ) throws(DemoParameterError) -> DemoParameters {
    var texts: [String: String] = [:]
    for parameter in declared { texts[parameter.name] = parameter.defaultValue }
    let names = declared.map(\.name)
    for layer in layers {
      var seen: Set<String> = []
      for (name, value) in layer {
        guard texts[name] != nil else {
          throw .unknownParameter(name: name, demo: demo, valid: names)
        }
        guard seen.insert(name).inserted else { throw .repeated(name: name) }
        texts[name] = value
      }
    }
    var values: [Entry] = []
    for parameter in declared {
      values.append(Entry(name: parameter.name, value: try parameter.parse(texts[parameter.name] ?? parameter.defaultValue)))
    }
    return DemoParameters(values: values)
  }

  /// Splits `key=value` command-line words into pairs.
  public static func pairs(
    from arguments: [String],
    demo: String,
    valid: [String]
  ) throws(DemoParameterError) -> [(name: String, value: String)] {
    var pairs: [(name: String, value: String)] = []
    for argument in arguments {
      guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
        throw .notKeyValue(argument: argument, demo: demo, valid: valid.map { "\($0)=…" })
      }
      pairs.append((String(argument[..<equals]), String(argument[argument.index(after: equals)...])))
    }
    return pairs
  }

  public subscript(name: String) -> DemoParameterValue? {
    values.first { $0.name == name }?.value
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    // Text that starts and ends with a visible ASCII character has nothing to trim, and that is
    // told from two bytes; `Character.isWhitespace` looks up Unicode properties, and `list`
    // trims every fence's info string of every lesson. (A character that starts with such a
    // byte is not whitespace, and none that is whitespace ends with one but "\r\n".)
    let text = String(self)
    if let first = text.utf8.first, let last = text.utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) {
      return text
    }
    // Indices rather than reversed views: the nested generic views cost a runtime metadata
    // lookup that showed up in start-up profiles (every lesson code block's info string).
    guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    return String(self[first...last])
  }

  private static func isVisibleASCII(_ byte: UInt8) -> Bool {
    byte > 0x20 && byte < 0x7F
  }
}
