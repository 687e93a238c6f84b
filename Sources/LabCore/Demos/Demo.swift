/// A runnable lesson: a small Swift concurrency program built on GatherKit, with typed parameters.
///
/// Each demo is a folder of its own under `Demos/`: the demo (this protocol), its parameters
/// (a `DemoParameterSet`), its summary sentences, its Python twin (`<id>.py`) and its parity cases;
/// adding one to `DemoRegistry.standard` is the only other change a new demo needs.
///
/// A demo says what it will do with its parameters (`plan`), runs on whatever clock its session
/// gives it (a scaled real clock, or a test clock), and explains its result in a sentence or two.
public protocol Demo: Sendable {
  /// The demo's typed parameters, parsed and range-checked at the edge.
  associatedtype Parameters: DemoParameterSet

  /// The name users type: `ordering`, `error-cancel`.
  var id: String { get }
  /// One line saying what the demo shows.
  var summary: String { get }
  /// The file holding this demo's code, shown by the walkthrough's `code` command.
  var sourceFile: String { get }
  /// The Python file doing the same thing with asyncio.
  var pythonFile: String { get }
  /// The `key=value` argument sets the parity test runs against the Python twin (at least five).
  var parityCases: [[String]] { get }
  /// The Swift file's text, the code that runs (by default embedded at build time; see
  /// `DemoSourceCode.swift`).
  var swiftSource: String? { get }
  /// The Python twin's text (by default embedded at build time).
  var pythonSource: String? { get }

  /// The tasks and nominal timing for these parameters.
  func plan(_ parameters: Parameters) -> DemoPlan

  /// The same for a run by another runtime (`runtime` names it: "CPython 3.11.7"; nil is Swift),
  /// for a demo whose timing depends on who runs it. By default, the same plan.
  func plan(_ parameters: Parameters, runtime: String?) -> DemoPlan

  /// Runs the demo, reporting to `session`; returns once every task it started has ended.
  /// Cancelling the calling task interrupts it.
  func run<C: Clock>(_ parameters: Parameters, session: DemoSession<C>) async where C.Duration == Duration

  /// Every sentence the summary may say about a run, each with the fact that makes it true;
  /// `takeaway(_:)` says those that hold.
  var sentences: [SummarySentence] { get }
}

extension Demo {
  /// The `key=value` parameters it accepts, in the order they are listed.
  public var parameters: [DemoParameter] { Parameters.declared }

  /// The parameter names, in declaration order.
  public var parameterNames: [String] { parameters.map(\.name) }

  /// Defaults overridden by each layer of `name=value` pairs (a lesson's params, then the user's).
  /// Values that are each in range but do not go together are refused too (`conflict`).
  public func resolve(_ layers: [[(name: String, value: String)]]) throws(DemoParameterError) -> DemoParameters {
    let values = try DemoParameters.resolve(parameters, demo: id, overrides: layers)
    if let conflict = Parameters(values).conflict { throw .conflict(conflict) }
    return values
  }

  public func plan(_ parameters: Parameters, runtime: String?) -> DemoPlan { plan(parameters) }

  /// The plan for parameters this demo resolved, run by `runtime` (nil: Swift).
  public func plan(resolved values: DemoParameters, runtime: String? = nil) -> DemoPlan {
    plan(Parameters(values), runtime: runtime)
  }

  /// Runs the demo with parameters it resolved.
  public func run<C: Clock>(resolved values: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    await run(Parameters(values), session: session)
  }
}

extension DemoReport {
  /// The run's parameters as `P`, the demo's own typed parameters: what summary sentences read.
  public func parameters<P: DemoParameterSet>(as type: P.Type) -> P {
    P(parameters)
  }
}
