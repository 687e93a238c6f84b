import GatherKit
import LabTerminal

/// Twenty 1-second tasks, at most five at a time: four waves, 4 seconds.
///
/// - `mode=semaphore` is the guide's `bounded_gather`: `asyncio.gather` over coroutines that each
///   hold a semaphore permit while they work. Every task is created at once and all but `limit`
///   of them wait. Concurrency is bounded; memory is not. When a task fails (`fail=N`, halfway through its work), the
///   caller gets the error at once and the waves go on, orphaned (the guide's error 6).
/// - `mode=window` is a sliding window: only `limit` tasks exist at any moment, the next one is
///   created when one ends, and the first error cancels the rest.
public struct SemaphoreDemo: Demo {
  public init() {}

  public let id = "semaphore"
  public let summary = "At most limit tasks run at once: a semaphore over all tasks, or a sliding window."
  public let sourceFile = "SemaphoreDemo.swift"
  public let pythonFile = "semaphore.py"
  public let parityCases = [
    ["tasks=6", "limit=2"], ["tasks=3", "limit=1", "delay=0.5"], ["tasks=5", "limit=5"], ["tasks=6", "limit=2", "mode=window"],
    ["tasks=4", "limit=1", "delay=0.5", "mode=window"], ["tasks=6", "limit=2", "fail=2"],
    ["tasks=6", "limit=2", "fail=2", "mode=window"], ["tasks=4", "limit=1", "delay=0.5", "fail=0"],
  ]

  public func plan(_ parameters: SemaphoreParameters) -> DemoPlan {
    let tasks = parameters.tasks
    let limit = parameters.limit
    let delay = parameters.delay
    let waves = (tasks + limit - 1) / limit
    let failing = parameters.fail.flatMap { $0 < tasks ? $0 : nil }
    // The failing task fails halfway through its work, so its error never ties with a finish.
    let durations = (0..<tasks).map { $0 == failing ? delay / 2 : delay }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: durations),
      ideal: failing.map { Double($0 / limit) * delay + delay / 2 } ?? Double(waves) * delay,
      sequential: Double(tasks) * delay,
      horizon: Double(waves) * delay
    )
  }

  public func run<C: Clock>(_ parameters: SemaphoreParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.delay
    let limit = parameters.limit
    let failing = parameters.fail
    let inputs = 0..<parameters.tasks
    let observer = session.observer()
    // code: begin
    // Task `index` takes `delay` seconds and returns its letter; the one at index `fail` throws
    // halfway through.
    let work: @Sendable (Int) async throws -> String = { index in
      let letter = TaskName.letter(index)
      if index == failing { return try await SimulatedWork.failing(letter, after: delay / 2, on: clock)() }
      return try await SimulatedWork.returning(letter, after: delay, on: clock)()
    }
    if parameters.mode == .semaphore {
      // The guide's pattern: a task for every input now, each waiting for one of `limit` permits
      // (`async with semaphore:`), all gathered with asyncio.gather's semantics.
      let tasks = UnstructuredTasks.behindSemaphore(inputs, limit: limit, clock: clock, observer: observer, operation: work)
      // After an error nobody awaits the rest; the demo watches them until they end.
      await session.gatherWatchingOrphans(tasks)
    } else {
      // A sliding window: `limit` tasks, and one more each time one ends; an error cancels the rest.
      do {
        let results = try await boundedGather(inputs, limit: limit, clock: clock, observer: observer, operation: work)
        session.returned("gather returned", results)
      } catch {
        session.caught(error)
      }
    }
    // code: end
  }
}
