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
  public let parameters = [
    DemoParameter("tasks", .integer(1...100), default: "20", help: "how many tasks"),
    DemoParameter("limit", .integer(1...100), default: "5", help: "most tasks running at once"),
    DemoParameter("delay", .seconds(0...10), default: "1", help: "seconds each task takes"),
    DemoParameter(
      "mode", .choice(["semaphore", "window"]), default: "semaphore",
      help: "semaphore creates every task up front; window creates limit at a time"
    ),
    DemoParameter("fail", .integerOrNone(0...99), default: "none", help: "the index of a task that fails (0 is A), or none"),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let tasks = parameters.integer("tasks")
    let limit = parameters.integer("limit")
    let delay = parameters.seconds("delay")
    let waves = (tasks + limit - 1) / limit
    let failing = parameters.integerOrNone("fail").flatMap { $0 < tasks ? $0 : nil }
    // The failing task fails halfway through its work, so its error never ties with a finish.
    let durations = (0..<tasks).map { $0 == failing ? delay / 2 : delay }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: durations),
      ideal: failing.map { Double($0 / limit) * delay + delay / 2 } ?? Double(waves) * delay,
      sequential: Double(tasks) * delay,
      horizon: Double(waves) * delay
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.seconds("delay")
    let limit = parameters.integer("limit")
    let failing = parameters.integerOrNone("fail")
    let inputs = 0..<parameters.integer("tasks")
    let observer = session.observer()
    // code: begin
    // Task `index` takes `delay` seconds and returns its letter; the one at index `fail` throws
    // halfway through.
    let work: @Sendable (Int) async throws -> String = { index in
      let letter = TaskName.letter(index)
      if index == failing { return try await SimulatedWork.failing(letter, after: delay / 2, on: clock)() }
      return try await SimulatedWork.returning(letter, after: delay, on: clock)()
    }
    if parameters.choice("mode") == "semaphore" {
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

  public let sentences = [
    SummarySentence("semaphore.bounded", when: { report in
      (!report.waited.isEmpty || report.waves >= 2) && report.maxRunning <= report.parameters.integer("limit")
    }) { report in
      "Never more than \(report.maxRunning) ran at once (limit \(report.parameters.integer("limit")))"
        + (report.waves >= 2 ? ", in \(report.waves) waves." : ".")
    },
    SummarySentence("semaphore.unbounded", when: { report in
      report.outcome == .returned && report.waited.isEmpty && report.maxRunning == report.results.count
    }) { report in
      "No task had to wait: \(report.results.count) \(report.results.count == 1 ? "task" : "tasks") "
        + "under a limit of \(report.parameters.integer("limit")) all ran at once."
    },
    SummarySentence("semaphore.upfront", when: { report in
      report.maxExisting == report.results.count && !report.waited.isEmpty
        && report.results.allSatisfy { ($0.waitingSince ?? $0.startedAt ?? .infinity) <= report.sameMoment }
    }) { report in
      "All \(report.results.count) tasks existed from the start, \(report.waited.count) of them waiting for a permit: "
        + "memory grows with the number of tasks. Try mode=window."
    },
    SummarySentence("semaphore.window", when: { report in
      report.outcome == .returned && report.maxExisting < report.results.count
    }) { report in
      "At most \(report.maxExisting) tasks existed at any moment, not \(report.results.count): "
        + "memory stays flat however many inputs there are."
    },
    SummarySentence("semaphore.orphans", when: { $0.outcome == .threw && !$0.orphans.isEmpty }) { report in
      let orphans = report.results.filter(\.isOrphan)
      let later = report.distinctMoments(orphans.compactMap(\.startedAt).filter { $0 >= report.elapsed - report.sameMoment })
      let waves = later == 0 ? "" : later == 1 ? ", in 1 more wave," : ", in \(later) more waves,"
      return "The caller got \(report.failed.first.map { $0.label + "'s" } ?? "the") error at \(seconds(report.elapsed)), "
        + "but \(orphans.count) other \(orphans.count == 1 ? "task" : "tasks") went on\(waves) "
        + "until \(seconds(report.orphansSettledAt)): orphans, whose results nobody reads."
    },
    SummarySentence("semaphore.cancelled", when: { report in
      report.outcome == .threw && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.failed.first?.endedAt) }
    }) { report in
      "\(DemoTranscript.fateList(report.cancelled, ranks: false)) \(was(report.cancelled.count)) cancelled "
        + "as soon as \(report.failed.first?.label ?? "a task") failed."
    },
    SummarySentence("semaphore.never-created", when: { $0.outcome == .threw && !$0.notCreated.isEmpty }) { report in
      "\(DemoTranscript.fateList(report.notCreated, ranks: false)) \(was(report.notCreated.count)) never created: "
        + "the window stops at the first error."
    },
  ]
}
