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
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: [failAt] + delays),
      ideal: failAt,
      sequential: failAt + delays.reduce(0, +),
      horizon: max(failAt, delays.max() ?? 0)
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let failAt = parameters.seconds("fail-at")
    let delays = parameters.secondsList("delays")
    let observer = session.observer()
    // code: begin
    // Task A throws after fail-at seconds; B, C, … return their letter after their delay.
    let operations = [SimulatedWork.failing("A", after: failAt, on: clock)]
      + delays.enumerated().map { index, delay in
        SimulatedWork.returning(TaskName.letter(index + 1), after: delay, on: clock)
      }

    if parameters.choice("mode") == "taskgroup" {
      // Structured, like `async with asyncio.TaskGroup()`: the first error cancels the siblings,
      // and the error reaches the caller once they have ended.
      do {
        let results = try await gather(operations, clock: clock, observer: observer)
        session.returned("gather returned", results)
      } catch {
        session.caught(error)
      }
    } else {
      // Python's asyncio.gather: the error comes back at once, the siblings run on unobserved.
      let tasks = UnstructuredTasks(operations, clock: clock, observer: observer)
      // Nobody awaits the orphans in Python; the demo watches them until they end.
      await session.gatherWatchingOrphans(tasks)
    }
    // code: end
  }

  public let sentences = [
    SummarySentence("error-cancel.cancelled", when: { report in
      report.outcome == .threw && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.failed.first?.endedAt) }
    }) { report in
      let failed = report.failed.first
      return "\(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled as soon as \(failed?.label ?? "A") failed, "
        + "at \(seconds(failed?.endedAt)); the error reached the caller once they had stopped."
    },
    SummarySentence("error-cancel.orphans", when: { $0.outcome == .threw && !$0.orphans.isEmpty }) { report in
      let orphans = report.results.filter(\.isOrphan)
      return "The caller got \(report.failed.first?.task ?? "A")'s error at \(seconds(report.elapsed)), "
        + "but \(orphans.labels()) ran on until \(seconds(report.orphansSettledAt)): nothing cancelled them, "
        + "and nobody will read their results."
    },
    SummarySentence("error-cancel.already-done", when: { report in
      report.outcome == .threw && report.lost.contains { !$0.isOrphan }
    }) { report in
      let done = report.lost.filter { !$0.isOrphan }
      return "\(done.labels(ranks: true)) had already finished when \(report.failed.first?.task ?? "A") failed; "
        + "the caller got only the error, so \(done.count == 1 ? "its result was" : "their results were") lost."
    },
    SummarySentence("error-cancel.nothing-left", when: { report in
      report.outcome == .threw && report.cancelled.isEmpty && report.orphans.isEmpty && report.results.count > 1
    }) { _ in
      "Nothing was still running when the error came, so there was nothing to cancel or to orphan."
    },
  ]
}
