import GatherKit
import LabTerminal

/// Results in finish order: three tasks of 3, 1 and 2 seconds, and a consumer that spends half a
/// second on each result.
///
/// - `mode=finish` is `asyncio.as_completed` (Swift: `for try await` over a task group): B's
///   result is handled at 1 s, C's at 2 s, A's at 3 s, and the handling overlaps the waiting:
///   everything is handled at 3.5 s.
/// - `mode=gather` waits for all three first (`asyncio.gather`): nothing is handled before 3 s,
///   then A, B and C in argument order: 4.5 s.
///
/// The consumer's handling of each result is a row of its own (`handle B`), beside the tasks, so
/// the timeline shows when each result was handled.
public struct AsCompletedDemo: Demo {
  public init() {}

  public let id = "as-completed"
  public let summary = "Handle each result as its task finishes (as_completed), or all of them after gather."
  public let sourceFile = "AsCompletedDemo.swift"
  public let pythonFile = "as_completed.py"
  public let parityCases = [
    [], ["mode=gather"], ["delays=0.5,2,1", "handle=1"], ["delays=0.5,2,1", "handle=1", "mode=gather"],
    ["delays=1", "handle=0.5"], ["delays=2,0.5", "handle=0"], ["delays=4,1,2,3", "handle=1.5"],
  ]

  /// The phase of the consumer's rows: beside the tasks, not one of the plan's phases.
  static let handled = "handled"

  /// The row of the consumer handling task `index`'s result: "handle B".
  static func handlerName(_ index: Int) -> String { "handle " + TaskName.letter(index) }

  public func plan(_ parameters: AsCompletedParameters) -> DemoPlan {
    let delays = parameters.delays
    let handle = parameters.handle
    let handlers = delays.indices.map { DemoPlan.PlannedTask(name: Self.handlerName($0), phase: Self.handled, duration: handle) }
    let ideal: Double
    switch parameters.mode {
    case .finish:
      // One consumer: each result is handled once it has ended and the one before is handled.
      ideal = delays.sorted().reduce(0) { handledUpTo, end in max(handledUpTo, end) + handle }
    case .gather:
      ideal = (delays.max() ?? 0) + Double(delays.count) * handle
    }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: delays) + handlers,
      ideal: ideal,
      sequential: delays.reduce(0, +) + Double(delays.count) * handle
    )
  }

  public func run<C: Clock>(_ parameters: AsCompletedParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let handleSeconds = parameters.handle
    let mode = parameters.mode
    let observer = session.observer()
    let handler = session.observer(phase: Self.handled)
    // code: begin
    let tasks = parameters.delays.enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    // What the consumer does with one result: here it takes `handle` seconds.
    let handle = { @Sendable (index: Int, result: String) async throws -> String in
      let work = SimulatedWork.returning(result, after: handleSeconds, on: clock)
      return try await observing(index, clock: clock, observer: handler, work)
    }
    do {
      var handled: [String] = []
      switch mode {
      case .finish:
        // Python: `for next_done in asyncio.as_completed(tasks): result = await next_done`.
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
          for (index, task) in tasks.enumerated() {
            group.addTask {
              let result = try await observing(index, clock: clock, observer: observer, task)
              return (index, result)
            }
          }
          // The group yields each child's result as it finishes, the others still running.
          for try await (index, result) in group {
            handled.append(try await handle(index, result))
          }
        }
      case .gather:
        // Python: `for result in await asyncio.gather(*tasks)`: nothing until all have finished.
        let results = try await gather(tasks, clock: clock, observer: observer)
        for (index, result) in results.enumerated() {
          handled.append(try await handle(index, result))
        }
      }
      session.returned("all handled", handled)
    } catch {
      session.caught(error)
    }
    // code: end
  }
}
