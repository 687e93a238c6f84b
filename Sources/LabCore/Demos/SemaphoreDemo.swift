import GatherKit
import LabTerminal

/// Twenty 1-second tasks, at most five at a time: four waves, 4 seconds.
///
/// - `mode=semaphore` is the guide's `bounded_gather`: every task is created at once and all but
///   `limit` of them wait on a semaphore. Concurrency is bounded; memory is not.
/// - `mode=window` is a sliding window: only `limit` tasks exist at any moment, and the next one
///   is created when one ends.
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
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let tasks = parameters.integer("tasks")
    let limit = parameters.integer("limit")
    let delay = parameters.seconds("delay")
    let waves = (tasks + limit - 1) / limit
    return DemoPlan(tasks: DemoPlan.lettered(tasks), ideal: Double(waves) * delay, sequential: Double(tasks) * delay)
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.seconds("delay")
    let limit = parameters.integer("limit")
    let inputs = 0..<parameters.integer("tasks")
    let work: @Sendable (Int) async throws -> String = { index in
      try await SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)()
    }
    do {
      let results: [String]
      if parameters.choice("mode") == "semaphore" {
        // The guide's pattern: a task for every input now, each waiting for one of `limit` permits.
        results = try await semaphoreGather(inputs, limit: limit, clock: clock, observer: session.observer(), operation: work)
      } else {
        // A sliding window: `limit` tasks, and one more each time one ends.
        results = try await boundedGather(inputs, limit: limit, clock: clock, observer: session.observer(), operation: work)
      }
      session.returned("gather returned", results)
    } catch {
      session.caught(error)
    }
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    guard report.outcome == .returned else { return [] }
    let limit = report.parameters.integer("limit")
    let tasks = report.parameters.integer("tasks")
    var lines = ["Never more than \(report.maxRunning) running at once (limit \(limit)), in waves."]
    if report.parameters.choice("mode") == "semaphore" {
      lines.append(
        "All \(report.maxExisting) tasks existed from the start, most of them waiting: memory grows with the number of tasks. Try mode=window."
      )
    } else {
      lines.append("At most \(report.maxExisting) tasks existed at any moment, not \(tasks): memory stays flat however many inputs there are.")
    }
    return lines
  }
}
