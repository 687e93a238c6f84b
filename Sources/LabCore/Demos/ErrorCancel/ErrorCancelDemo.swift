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
  public let parityCases = [[], ["mode=gather"], ["fail-at=0", "mode=gather"], ["fail-at=3", "delays=1,2", "mode=gather"], ["fail-at=3", "delays=1,2"], ["fail-at=0.5", "delays=1,2,3"]]

  public func plan(_ parameters: ErrorCancelParameters) -> DemoPlan {
    let delays = parameters.delays
    let failAt = parameters.failAt
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: [failAt] + delays),
      ideal: failAt,
      sequential: failAt + delays.reduce(0, +),
      horizon: max(failAt, delays.max() ?? 0)
    )
  }

  public func run<C: Clock>(_ parameters: ErrorCancelParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let failAt = parameters.failAt
    let delays = parameters.delays
    let observer = session.observer()
    // code: begin
    // Task A throws after fail-at seconds; B, C, … return their letter after their delay.
    let operations = [SimulatedWork.failing("A", after: failAt, on: clock)]
      + delays.enumerated().map { index, delay in
        SimulatedWork.returning(TaskName.letter(index + 1), after: delay, on: clock)
      }

    if parameters.mode == .taskgroup {
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
}
