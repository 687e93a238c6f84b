import GatherKit
import LabTerminal

/// Lesson 10: three 1-second tasks that *block* their thread, like `time.sleep` in a coroutine,
/// instead of suspending.
///
/// - `mode=sleep`: asyncio's single thread would run them one after another (3 s); Swift's pool
///   has one thread per core, so they run that many at a time: ceil(tasks/cores)×delay.
/// - `mode=await`: they suspend (`await asyncio.sleep`), and all wait together: ~1 s.
/// - `mode=thread`: each hands its blocking call to a worker thread, as `asyncio.to_thread`
///   does, and suspends until it ends. The workers are Python's default pool, min(32, cores + 4)
///   threads: ceil(tasks/workers)×delay, ~1 s for up to that many tasks.
public struct BlockingDemo: Demo {
  public let blocker: any ThreadBlocker

  /// - Parameter blocker: what blocks threads (tests pass one that models the pool on a test clock).
  public init(blocker: any ThreadBlocker = RealThreadBlocker()) {
    self.blocker = blocker
  }

  public let id = "blocking"
  public let summary = "A blocking call inside a task holds its thread: time.sleep against await and to_thread."
  public let sourceFile = "BlockingDemo.swift"
  public let pythonFile = "blocking.py"
  public let parityCases = [
    [], ["tasks=1", "delay=0.5"], ["tasks=5", "delay=0.3"], ["mode=await"], ["tasks=4", "delay=0.5", "mode=await"],
    ["mode=thread"], ["tasks=2", "delay=2", "mode=thread"], ["tasks=12", "delay=0.5", "mode=thread"],
  ]

  public func plan(_ parameters: BlockingParameters) -> DemoPlan {
    plan(parameters, runtime: nil)
  }

  /// Swift's pool runs blocked tasks one per core; asyncio (any `runtime`) runs every task on its
  /// one thread, so blocked tasks run one after another and the plan names no cores for them.
  /// `asyncio.to_thread`'s pool is the same min(32, cores + 4) threads for both.
  public func plan(_ parameters: BlockingParameters, runtime: String?) -> DemoPlan {
    let tasks = parameters.tasks
    let delay = parameters.delay
    let cores = max(1, blocker.cores)
    let workers = Self.workers(cores: cores)
    let rounds =
      switch parameters.mode {
      case .sleep where runtime != nil: tasks
      case .sleep: (tasks + cores - 1) / cores
      case .thread: (tasks + workers - 1) / workers
      case .await: 1
      }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: Array(repeating: delay, count: tasks)),
      ideal: Double(rounds) * delay,
      sequential: Double(tasks) * delay,
      cores: runtime != nil && parameters.mode == .sleep ? nil : cores
    )
  }

  /// The threads `asyncio.to_thread` shares: the loop's default `ThreadPoolExecutor` has
  /// min(32, os.cpu_count() + 4) workers.
  public static func workers(cores: Int) -> Int { min(32, max(1, cores) + 4) }

  public func run<C: Clock>(_ parameters: BlockingParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.delay
    let mode = parameters.mode
    let count = parameters.tasks
    let blocker = blocker
    let observer = session.observer()
    // code: begin
    // asyncio.to_thread's pool: min(32, os.cpu_count() + 4) worker threads.
    let workers = AsyncSemaphore(permits: Self.workers(cores: blocker.cores))
    do {
      let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<count {
          // The task exists now; it starts once a thread is free to run it.
          observer.record(index, .waiting, clock.now)
          group.addTask {
            // What the task does for `delay` seconds before returning its letter; it runs (is
            // observed) from when a thread picks it up to when it returns.
            let task: @Sendable () async throws -> String = {
              try await observing(index, clock: clock, observer: observer) {
                switch mode {
                case .sleep: try await blocker.block(for: delay, on: clock)  // time.sleep(delay): holds the thread
                case .thread: try await blocker.blockOnOwnThread(for: delay, on: clock)  // a worker thread blocks
                case .await: try await clock.sleep(for: .seconds(delay))  // await asyncio.sleep(delay): suspends
                }
                return TaskName.letter(index)
              }
            }
            let value =
              switch mode {
              // A task that blocks holds its pool thread from start to end.
              case .sleep: try await blocker.onPoolThread(task)
              // await asyncio.to_thread(job): the job waits for one of the workers, then blocks it.
              case .thread: try await workers.withPermit(task)
              // One that suspends gives its thread back while it waits.
              case .await: try await task()
              }
            return (index, value)
          }
        }
        var results = [String](repeating: "", count: count)
        for try await (index, value) in group { results[index] = value }
        return results
      }
      session.returned("gather returned", results)
    } catch {
      session.caught(error)
    }
    // code: end
  }
}
