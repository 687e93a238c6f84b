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
  public let parameters = [
    DemoParameter(
      "delays", .secondsList(each: 0...30, count: 1...12), default: "3,1,2",
      help: "seconds each task takes, one per task"
    ),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    return DemoPlan(tasks: DemoPlan.lettered(delays.count), ideal: delays.max() ?? 0, sequential: delays.reduce(0, +))
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    // Task A sleeps delays[0] seconds and returns "A", task B delays[1] and returns "B", …
    let operations = parameters.secondsList("delays").enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    do {
      let results = try await gather(operations, clock: clock, observer: session.observer())
      session.returned("gather returned", results)
    } catch {
      session.caught(error)
    }
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    guard report.outcome == .returned else { return [] }
    let inOrder = report.results.map(\.task)
    return [
      "They finished \(report.finishOrder.joined(separator: ", ")), yet the results are in argument order: "
        + inOrder.joined(separator: ", ") + ".",
      "gather took as long as the slowest task (\(SecondsFormat.seconds(report.elapsed))), "
        + "not as long as all of them one after another (\(SecondsFormat.seconds(report.sequential))).",
    ]
  }
}
