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
  public let parityCases = [[], ["fail-at=0"], ["fail-at=3", "delays=1,2"], ["delays=0", "fail-at=1"], ["delays=1,2,3", "fail-at=1.5"]]

  public func plan(_ parameters: ReturnExceptionsParameters) -> DemoPlan {
    let delays = parameters.delays
    let failAt = parameters.failAt
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: [failAt] + delays),
      ideal: max(failAt, delays.max() ?? 0),
      sequential: failAt + delays.reduce(0, +)
    )
  }

  public func run<C: Clock>(_ parameters: ReturnExceptionsParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let failAt = parameters.failAt
    let delays = parameters.delays
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
}
