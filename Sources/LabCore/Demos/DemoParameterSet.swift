/// A demo's parameters as a typed value: one stored property per `key=value` parameter, a mode
/// as an enum, each with its name, range and help in `fields`.
///
/// The text a user types is parsed and range-checked once, at the edge (`DemoParameters.resolve`,
/// which `DemoLaunch` calls); a demo then reads its typed fields, never a value by name, so a
/// misspelt name cannot compile and a wrong mode word is a usage error listing the valid ones.
///
/// ```swift
/// struct OrderingParameters: DemoParameterSet {
///   var delays: [Double] = [3, 1, 2]
///   static let fields: [DemoField<Self>] = [
///     .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds each task takes"),
///   ]
/// }
/// ```
public protocol DemoParameterSet: Sendable, Equatable {
  /// The defaults: every stored property's initial value is its parameter's default.
  init()
  /// Every parameter, in the order `list` shows them.
  static var fields: [DemoField<Self>] { get }
  /// Why these values, each in its range, do not go together (`swallow=5` with three tasks), as
  /// a sentence; nil when they do. By default, nil.
  var conflict: String? { get }
}

extension DemoParameterSet {
  public var conflict: String? { nil }

  /// The parameters users can type, with their defaults taken from `init()`.
  public static var declared: [DemoParameter] { fields.map { $0.parameter } }

  /// The typed value of resolved parameters. `values` come from `DemoParameters.resolve` over
  /// `declared` (a launch, a recording's header), so every field has its entry.
  public init(_ values: DemoParameters) {
    self.init()
    for field in Self.fields {
      if let value = values[field.parameter.name] { field.assign(&self, value) }
    }
  }
}

/// A mode: one word out of a fixed set, spelt as its raw value (`mode=gather`).
public protocol DemoMode: RawRepresentable<String>, CaseIterable, Sendable, Equatable {}

/// One typed parameter: the `key=value` parameter users type, and the property its value goes to.
/// Built only by the factories below, so the kind parsed always matches the property's type.
///
/// `Parameters` is constrained on the factories, not on the type: a requirement on the type is
/// checked at run time the first time each `DemoField<P>` is made, a search of every protocol
/// conformance in the binary per parameter set, which was a tenth of `list`'s start-up.
public struct DemoField<Parameters>: Sendable {
  public let parameter: DemoParameter
  let assign: @Sendable (inout Parameters, DemoParameterValue) -> Void
  let text: @Sendable (Parameters) -> String

  private init(
    parameter: DemoParameter, assign: @escaping @Sendable (inout Parameters, DemoParameterValue) -> Void,
    text: @escaping @Sendable (Parameters) -> String
  ) {
    self.parameter = parameter
    self.assign = assign
    self.text = text
  }
}

extension DemoField where Parameters: DemoParameterSet {
  private init(
    _ name: String, _ kind: DemoParameter.Kind, help: String,
    text: @escaping @Sendable (Parameters) -> String,
    assign: @escaping @Sendable (inout Parameters, DemoParameterValue) -> Void
  ) {
    self.init(parameter: DemoParameter(name, kind, default: text(Parameters()), help: help), assign: assign, text: text)
  }

  /// A whole number in `range`.
  public static func integer(
    _ name: String, _ keyPath: WritableKeyPath<Parameters, Int> & Sendable, _ range: ClosedRange<Int>, help: String
  ) -> Self {
    Self(name, .integer(range), help: help, text: { String($0[keyPath: keyPath]) }) { parameters, value in
      if case .integer(let number) = value { parameters[keyPath: keyPath] = number }
    }
  }

  /// A whole number in `range`, or `none` (nil).
  public static func integerOrNone(
    _ name: String, _ keyPath: WritableKeyPath<Parameters, Int?> & Sendable, _ range: ClosedRange<Int>, help: String
  ) -> Self {
    Self(name, .integerOrNone(range), help: help, text: { $0[keyPath: keyPath].map(String.init) ?? "none" }) { parameters, value in
      if case .integer(let number) = value { parameters[keyPath: keyPath] = number } else { parameters[keyPath: keyPath] = nil }
    }
  }

  /// Nominal seconds in `range`.
  public static func seconds(
    _ name: String, _ keyPath: WritableKeyPath<Parameters, Double> & Sendable, _ range: ClosedRange<Double>, help: String
  ) -> Self {
    Self(name, .seconds(range), help: help, text: { DemoParameter.format($0[keyPath: keyPath]) }) { parameters, value in
      if case .seconds(let seconds) = value { parameters[keyPath: keyPath] = seconds }
    }
  }

  /// Comma-separated seconds, `count` of them, each in `each`.
  public static func secondsList(
    _ name: String, _ keyPath: WritableKeyPath<Parameters, [Double]> & Sendable,
    each: ClosedRange<Double>, count: ClosedRange<Int>, help: String
  ) -> Self {
    Self(
      name, .secondsList(each: each, count: count), help: help,
      text: { $0[keyPath: keyPath].map(DemoParameter.format).joined(separator: ",") }
    ) { parameters, value in
      if case .secondsList(let list) = value { parameters[keyPath: keyPath] = list }
    }
  }

  /// One of `Mode`'s cases, by its raw value; any other word is a usage error naming them.
  public static func mode<Mode: DemoMode>(
    _ name: String, _ keyPath: WritableKeyPath<Parameters, Mode> & Sendable, help: String
  ) -> Self {
    Self(name, .choice(Mode.allCases.map(\.rawValue)), help: help, text: { $0[keyPath: keyPath].rawValue }) { parameters, value in
      if case .choice(let word) = value, let mode = Mode(rawValue: word) { parameters[keyPath: keyPath] = mode }
    }
  }
}
