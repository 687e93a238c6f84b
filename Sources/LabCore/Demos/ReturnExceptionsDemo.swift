import GatherKit
import LabTerminal

/// `gather(..., return_exceptions=True)`: task A fails at 1 s, B succeeds at 2 s. Nothing is
/// cancelled; the call returns at 2 s with A's error at index 0 and B's value at index 1.
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
      tasks: DemoPlan.lettered(durations: [failAt] + delays),
      ideal: max(failAt, delays.max() ?? 0),
      sequential: failAt + delays.reduce(0, +)
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let failAt = parameters.seconds("fail-at")
    let delays = parameters.secondsList("delays")
    let observer = session.observer()
    // code: begin
    let operations = [SimulatedWork.failing("A", after: failAt, on: clock)]
      + delays.enumerated().map { index, delay in
        SimulatedWork.returning(TaskName.letter(index + 1), after: delay, on: clock)
      }
    // Like `await asyncio.gather(..., return_exceptions=True)`: every outcome comes back in its
    // slot, .failure for A, .success for the others.
    let outcomes = await gatherSettled(operations, clock: clock, observer: observer)
    // code: end
    let shown = outcomes.map { outcome in
      switch outcome {
      case .success(let value): "\"\(value)\""
      case .failure(let error): "error(\(error))"
      }
    }
    session.returned("gather returned", shown, quoted: false)
  }

  public let sentences = [
    SummarySentence("return-exceptions.nothing-cancelled", when: { report in
      report.outcome == .returned && report.cancelled.isEmpty && report.unfinished.isEmpty
        && report.same(report.elapsed, report.results.compactMap(\.endedAt).max())
    }) { report in
      let failed = report.failed.map { "\($0.task)'s error at index \($0.index)" }.joined(separator: ", ")
      return "Nothing was cancelled: every task ran to its end, and gather returned at \(seconds(report.elapsed)), "
        + "when the last one ended" + (failed.isEmpty ? "." : ", with \(failed) beside the values.")
    },
    SummarySentence("return-exceptions.why", when: { $0.outcome == .returned && !$0.failed.isEmpty }) { _ in
      "return_exceptions=True does not make the others run on — they do anyway; "
        + "it makes gather wait for them and hand errors back as values."
    },
  ]
}
