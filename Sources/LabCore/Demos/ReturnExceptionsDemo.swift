import GatherKit
import LabTerminal

/// `gather(..., return_exceptions=True)`: task A fails at 1 s, B succeeds at 2 s. Nothing is
/// cancelled; the call returns at 2 s with A's error in slot 1 and B's value in slot 2.
public struct ReturnExceptionsDemo: Demo {
  public init() {}

  public let id = "return-exceptions"
  public let summary = "return_exceptions=True: errors come back as values in their slots; nothing is cancelled."
  public let sourceFile = "ReturnExceptionsDemo.swift"
  public let pythonFile = "return_exceptions.py"
  public let parameters = [
    DemoParameter(
      "delays", .secondsList(each: 0...30, count: 1...11), default: "2",
      help: "seconds each succeeding task (B, C, …) takes"
    ),
    DemoParameter("fail-at", .seconds(0...30), default: "1", help: "when task A throws"),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    let failAt = parameters.seconds("fail-at")
    return DemoPlan(
      tasks: DemoPlan.lettered(delays.count + 1),
      ideal: max(failAt, delays.max() ?? 0),
      sequential: failAt + delays.reduce(0, +)
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let operations = [SimulatedWork.failing("A", after: parameters.seconds("fail-at"), on: clock)]
      + parameters.secondsList("delays").enumerated().map { index, delay in
        SimulatedWork.returning(TaskName.letter(index + 1), after: delay, on: clock)
      }
    // Every outcome comes back in its slot: .failure for A, .success for the others.
    let outcomes = await gatherSettled(operations, clock: clock, observer: session.observer())
    let shown = outcomes.map { outcome in
      switch outcome {
      case .success(let value): "\"\(value)\""
      case .failure(let error): "error(\(error))"
      }
    }
    session.returned("gather returned", shown, quoted: false)
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    guard report.outcome == .returned else { return [] }
    return [
      "Nothing was cancelled: every task ran to its end and gather returned at "
        + "\(SecondsFormat.seconds(report.elapsed)), with the error in its slot beside the values.",
      "return_exceptions=True does not make the others run on — they do anyway; it makes gather wait for them and hand errors back as values.",
    ]
  }
}
