/// A runnable lesson: a small Swift concurrency program built on GatherKit, with parameters.
///
/// A demo declares its parameters, says what it will do with them (`plan`), runs on whatever
/// clock its session gives it (a scaled real clock, or a test clock), and explains its result in
/// a sentence or two for the summary.
public protocol Demo: Sendable {
  /// The name users type: `ordering`, `error-cancel`.
  var id: String { get }
  /// One line saying what the demo shows.
  var summary: String { get }
  /// The `key=value` parameters it accepts, in the order they are listed.
  var parameters: [DemoParameter] { get }
  /// The file holding this demo's code, shown by the walkthrough's `code` command.
  var sourceFile: String { get }
  /// The Python file doing the same thing with asyncio.
  var pythonFile: String { get }

  /// The tasks and nominal timing for these parameters.
  func plan(_ parameters: DemoParameters) -> DemoPlan

  /// Runs the demo, reporting to `session`; returns once every task it started has ended.
  /// Cancelling the calling task interrupts it.
  func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration

  /// Every sentence the summary may say about a run, each with the fact that makes it true;
  /// `takeaway(_:)` says those that hold.
  var sentences: [SummarySentence] { get }
}

extension Demo {
  /// The parameter names, in declaration order.
  public var parameterNames: [String] { parameters.map(\.name) }

  /// Defaults overridden by each layer of `name=value` pairs (a lesson's params, then the user's).
  public func resolve(_ layers: [[(name: String, value: String)]]) throws(DemoParameterError) -> DemoParameters {
    try DemoParameters.resolve(parameters, demo: id, overrides: layers)
  }
}
