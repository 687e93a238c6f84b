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
  public let parameters = [
    DemoParameter("tasks", .integer(1...12), default: "3", help: "how many tasks"),
    DemoParameter("delay", .seconds(0.1...10), default: "1", help: "seconds each task blocks or waits"),
    DemoParameter(
      "mode", .choice(["sleep", "await", "thread"]), default: "sleep",
      help: "sleep blocks the thread; await suspends; thread blocks a thread of its own (to_thread)"
    ),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let tasks = parameters.integer("tasks")
    let delay = parameters.seconds("delay")
    let cores = max(1, blocker.cores)
    let workers = Self.workers(cores: cores)
    let rounds =
      switch parameters.choice("mode") {
      case "sleep": (tasks + cores - 1) / cores
      case "thread": (tasks + workers - 1) / workers
      default: 1
      }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: Array(repeating: delay, count: tasks)),
      ideal: Double(rounds) * delay,
      sequential: Double(tasks) * delay,
      cores: cores
    )
  }

  /// The threads `asyncio.to_thread` shares: the loop's default `ThreadPoolExecutor` has
  /// min(32, os.cpu_count() + 4) workers.
  public static func workers(cores: Int) -> Int { min(32, max(1, cores) + 4) }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.seconds("delay")
    let mode = parameters.choice("mode")
    let count = parameters.integer("tasks")
    let blocker = blocker
    let observer = session.observer()
    // code: begin
    // asyncio.to_thread's pool: min(32, os.cpu_count() + 4) worker threads.
    let workers = AsyncSemaphore(permits: Self.workers(cores: blocker.cores))
    // What each task does for `delay` seconds before returning its letter.
    let wait: @Sendable () async throws -> Void = {
      switch mode {
      case "sleep": try await blocker.block(for: delay, on: clock)  // time.sleep(delay): holds the thread
      case "thread":  // await asyncio.to_thread(time.sleep, delay): a worker thread blocks
        try await workers.withPermit { try await blocker.blockOnOwnThread(for: delay, on: clock) }
      default: try await clock.sleep(for: .seconds(delay))  // await asyncio.sleep(delay): suspends
      }
    }
    do {
      let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
        for index in 0..<count {
          // The task exists now; it starts once a pool thread is free to run it.
          observer.record(index, .waiting, clock.now)
          group.addTask {
            let task: @Sendable () async throws -> String = {
              try await observing(index, clock: clock, observer: observer) {
                try await wait()
                return TaskName.letter(index)
              }
            }
            // A task that blocks holds its pool thread from start to end; one that suspends gives
            // it back while it waits.
            let value = mode == "sleep" ? try await blocker.onPoolThread(task) : try await task()
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

  public let sentences = [
    SummarySentence("blocking.pool", when: { report in
      report.parameters.choice("mode") == "sleep" && !report.waited.isEmpty && report.cores != nil
    }) { report in
      let cores = report.cores ?? 1
      let perCore = report.maxRunning == cores ? ", one per core" : ""
      return "Each task blocked the thread it ran on, so Swift's pool ran only \(report.maxRunning) at a time\(perCore) "
        + "(this machine has \(cores) \(cores == 1 ? "core" : "cores")): \(report.results.count) tasks took "
        + "\(seconds(report.elapsed)), in \(report.waves) waves."
    },
    SummarySentence("blocking.asyncio", when: { report in
      report.parameters.choice("mode") == "sleep" && report.outcome == .returned && report.results.count > 1
    }) { report in
      "asyncio runs every task on one thread, so there the same blocking calls run one after another: "
        + "\(seconds(report.sequential)). Try mode=await or mode=thread."
    },
    SummarySentence("blocking.enough-cores", when: { report in
      report.parameters.choice("mode") == "sleep" && report.outcome == .returned && report.waited.isEmpty
        && report.results.count > 1
    }) { report in
      "Here every blocked task found a thread of its own (\(report.results.count) tasks, "
        + "\(report.cores ?? 1) cores); try tasks=\((report.cores ?? 1) * 2 + 1) to see them queue."
    },
    SummarySentence("blocking.suspended", when: { report in
      report.parameters.choice("mode") == "await" && report.outcome == .returned && report.waited.isEmpty
    }) { report in
      "await suspends the task instead of holding its thread: all \(report.results.count) waited together, "
        + "and gather returned at \(seconds(report.elapsed))."
    },
    SummarySentence("blocking.own-thread", when: { report in
      report.parameters.choice("mode") == "thread" && report.outcome == .returned && report.waited.isEmpty
        && report.endMoments == 1
    }) { report in
      "Each blocking call ran on a worker thread, as asyncio.to_thread does, while its task suspended: "
        + "all \(report.results.count) overlapped, and gather returned at \(seconds(report.elapsed))."
    },
    // Rounds need more calls than workers: ends a few milliseconds apart under load are not one.
    SummarySentence("blocking.thread-pool", when: { report in
      report.parameters.choice("mode") == "thread" && report.outcome == .returned && report.endMoments > 1
        && report.cores.map { report.results.count > Self.workers(cores: $0) } == true
    }) { report in
      let workers = Self.workers(cores: report.cores ?? 1)
      return "asyncio.to_thread's calls share one pool of min(32, cores + 4) = \(workers) worker threads: "
        + "\(report.results.count) calls ran at most \(workers) at a time, in \(report.endMoments) rounds, "
        + "and gather returned at \(seconds(report.elapsed))."
    },
  ]
}
