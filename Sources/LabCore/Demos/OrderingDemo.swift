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
    return DemoPlan(tasks: DemoPlan.lettered(durations: delays), ideal: delays.max() ?? 0, sequential: delays.reduce(0, +))
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.secondsList("delays")
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

  public let sentences = [
    SummarySentence("ordering.differs", when: { $0.outcome == .returned && $0.endOrder == .differs }) { report in
      let outOfPlace = report.results.first { task in task.rank.map { $0 != task.index + 1 } ?? false }
      let example = outOfPlace.map { " (\($0.label) came \(DemoReport.TaskResult.ordinal($0.rank ?? 0)))" } ?? ""
      return "They finished \(report.endedInOrder.names)\(example), yet the results are in argument order: "
        + report.results.names + "."
    },
    SummarySentence("ordering.same", when: { $0.outcome == .returned && $0.results.count > 1 && $0.endOrder == .argumentOrder }) { report in
      "They happened to finish in argument order, so both orders agree here; try delays=3,1,2 to see them differ."
    },
    SummarySentence("ordering.tied", when: { $0.outcome == .returned && $0.endOrder == .tied }) { report in
      "Some finished at the same moment; the results are still in argument order: \(report.results.names)."
    },
    SummarySentence("ordering.slowest", when: { report in
      report.outcome == .returned && report.results.count > 1 && report.same(report.elapsed, report.longestRun)
        && report.sequential > report.elapsed + report.sameMoment
    }) { report in
      "gather took as long as the slowest task (\(seconds(report.elapsed))), "
        + "not as long as all of them one after another (\(seconds(report.sequential)))."
    },
  ]
}
