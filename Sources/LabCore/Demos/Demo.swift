/// A runnable lesson: a small Swift concurrency program built on GatherKit, with parameters.
public protocol Demo: Sendable {
  /// The name users type: `ordering`, `error-cancel`.
  var id: String { get }
  /// One line saying what the demo shows.
  var summary: String { get }
  /// The `key=value` parameters it accepts, in the order they are listed.
  var parameters: [DemoParameter] { get }
}

extension Demo {
  /// The parameter names, in declaration order.
  public var parameterNames: [String] { parameters.map(\.name) }

  /// Defaults overridden by each layer of `name=value` pairs (a lesson's params, then the user's).
  public func resolve(_ layers: [[(name: String, value: String)]]) throws(DemoParameterError) -> DemoParameters {
    try DemoParameters.resolve(parameters, demo: id, overrides: layers)
  }
}
