import GatherKit
import LabTerminal

/// Task A fails after 1 second while B and C need 2. What happens to B and C?
///
/// - `mode=taskgroup` (Swift's task group, Python's `asyncio.TaskGroup`): they are cancelled at
///   once, and the error reaches the caller at 1 s.
/// - `mode=gather` (what Python's `asyncio.gather` really does): the error reaches the caller at
///   1 s, but B and C keep running until 2 s — orphans whose results nobody will read.
public struct ErrorCancelDemo: Demo {
  public init() {}

  public let id = "error-cancel"
  public let summary = "One task fails: a task group cancels its siblings, asyncio.gather leaves them running."
  public let sourceFile = "ErrorCancelDemo.swift"
  public let pythonFile = "error_cancel.py"
  public let parameters = [
    DemoParameter(
      "delays", .secondsList(each: 0...30, count: 1...11), default: "2,2",
      help: "seconds each succeeding task (B, C, …) takes"
    ),
    DemoParameter("fail-at", .seconds(0...30), default: "1", help: "when task A throws"),
    DemoParameter(
      "mode", .choice(["taskgroup", "gather"]), default: "taskgroup",
      help: "taskgroup cancels the others; gather (Python's) leaves them running"
    ),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    let failAt = parameters.seconds("fail-at")
    let gatherMode = parameters.choice("mode") == "gather"
    return DemoPlan(
      tasks: DemoPlan.lettered(delays.count + 1),
      ideal: failAt,
      sequential: failAt + delays.reduce(0, +),
      horizon: gatherMode ? max(failAt, delays.max() ?? 0) : failAt
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    // Task A throws after fail-at seconds; B, C, … return their letter after their delay.
    let operations = [SimulatedWork.failing("A", after: parameters.seconds("fail-at"), on: clock)]
      + parameters.secondsList("delays").enumerated().map { index, delay in
        SimulatedWork.returning(TaskName.letter(index + 1), after: delay, on: clock)
      }

    if parameters.choice("mode") == "taskgroup" {
      // Structured: the first error cancels the siblings, and gather returns once they have ended.
      do {
        let results = try await gather(operations, clock: clock, observer: session.observer())
        session.returned("gather returned", results)
      } catch {
        session.caught(error)
      }
    } else {
      // Python's asyncio.gather: the error comes back at once, the siblings run on unobserved.
      let tasks = UnstructuredTasks(operations, clock: clock, observer: session.observer())
      do {
        let results = try await tasks.gather()
        session.returned("gather returned", results)
      } catch {
        session.caught(error)
      }
      // Nobody awaits the orphans in Python; the demo watches them until they end.
      await withTaskCancellationHandler {
        _ = await tasks.settle()
      } onCancel: {
        tasks.cancelAll()
      }
    }
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    guard report.outcome == .threw else { return [] }
    let others = report.results.dropFirst().map(\.task).joined(separator: ", ")
    if report.orphans.isEmpty {
      return [
        "The task group cancelled \(others) as soon as A failed; the error reached the caller once they had stopped.",
      ]
    }
    let settled = report.orphansSettledAt.map { " until \(SecondsFormat.seconds($0))" } ?? ""
    return [
      "The caller got A's error at \(SecondsFormat.seconds(report.elapsed)), but \(report.orphans.joined(separator: ", ")) "
        + "kept running\(settled): asyncio.gather cancels nothing. Their results were lost.",
    ]
  }
}
