import GatherKit
import LabTerminal

/// Tasks A, B, C take 3, 1 and 2 seconds: they finish B, C, A, yet `gather` hands back
/// `["A", "B", "C"]` — results follow the argument order, not the finish order.
public struct OrderingDemo: Demo {
  public init() {}

  public let id = "ordering"
  public let summary = "Tasks finish in any order; gather returns results in argument order."
  public let sourceFile = "OrderingDemo.swift"
  public let pythonFile = "ordering.py"
  public let parityCases = [[], ["delays=0,1,2"], ["delays=5"], ["delays=1,2,3,4"], ["delays=2,0.5,1.5"]]

  public func plan(_ parameters: OrderingParameters) -> DemoPlan {
    let delays = parameters.delays
    return DemoPlan(tasks: DemoPlan.lettered(durations: delays), ideal: delays.max() ?? 0, sequential: delays.reduce(0, +))
  }

  public func run<C: Clock>(_ parameters: OrderingParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.delays
    let observer = session.observer()
    // code: begin
    // Task A sleeps delays[0] seconds and returns "A", task B delays[1] and returns "B", …
    let operations = delays.enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    do {
      // Like `await asyncio.gather(task("A", 3), task("B", 1), task("C", 2))`.
      let results = try await gather(operations, clock: clock, observer: observer)
      session.returned("gather returned", results)
    } catch {
      session.caught(error)
    }
    // code: end
  }
}
