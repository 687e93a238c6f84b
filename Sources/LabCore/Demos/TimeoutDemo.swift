import GatherKit
import LabTerminal

/// A 5-second deadline over tasks of 1, 2 and 7 seconds.
///
/// - `mode=all` (`asyncio.timeout` around the whole gather): A and B finish, C is cancelled at
///   the deadline, and the caller gets a timeout — A's and B's results are lost with it.
/// - `mode=each` (a deadline per task, as lesson 12 advises): the gather returns at the deadline
///   with A's and B's results and a `TimeoutError` in C's slot.
public struct TimeoutDemo: Demo {
  public init() {}

  public let id = "timeout"
  public let summary = "A deadline over a whole gather loses the finished results; a deadline per task keeps them."
  public let sourceFile = "TimeoutDemo.swift"
  public let pythonFile = "timeout.py"
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "1,2,7", help: "seconds each task takes"),
    DemoParameter("timeout", .seconds(0.1...30), default: "5", help: "seconds before the deadline"),
    DemoParameter(
      "mode", .choice(["all", "each"]), default: "all",
      help: "all: one deadline over the gather; each: a deadline per task"
    ),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    let timeout = parameters.seconds("timeout")
    let slowest = delays.max() ?? 0
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: delays),
      ideal: min(slowest, timeout),
      sequential: delays.reduce(0, +),
      deadline: timeout
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.secondsList("delays")
    let limit = Duration.seconds(parameters.seconds("timeout"))
    let observer = session.observer()
    // code: begin
    let operations = delays.enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    if parameters.choice("mode") == "all" {
      do {
        // Like `async with asyncio.timeout(5):` around the gather: one deadline for all.
        let results = try await withTimeout(limit, clock: clock) {
          try await gather(operations, clock: clock, observer: observer)
        }
        session.returned("gather returned", results)
      } catch {
        session.caught(error)
      }
    } else {
      // Like `gather(*(asyncio.wait_for(t, 5) for t in tasks), return_exceptions=True)`: each task
      // has its own deadline, and a late one leaves a TimeoutError in its slot.
      let withDeadlines = operations.enumerated().map { index, operation in
        { @Sendable in
          try await withTimeout(limit, clock: clock) {
            try await observing(index, clock: clock, observer: observer, operation)
          }
        }
      }
      let outcomes = await gatherSettled(withDeadlines, clock: clock)
      session.returned("gather returned", outcomes.map(Self.describe), quoted: false)
    }
    // code: end
  }

  /// `"A"`, or `TimeoutError` for a slot whose deadline passed.
  static func describe(_ outcome: Result<String, any Error>) -> String {
    switch outcome {
    case .success(let value): "\"\(value)\""
    case .failure(let error as TimeoutError): "TimeoutError(\(error))"
    case .failure(let error): "error(\(error))"
    }
  }

  public let sentences = [
    SummarySentence("timeout.cancelled", when: { report in
      report.outcome == .timedOut && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.elapsed) }
    }) { report in
      "At the deadline, \(seconds(report.elapsed)), \(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled "
        + "and the caller got a timeout instead of a list."
    },
    SummarySentence("timeout.lost", when: { $0.outcome == .timedOut && !$0.lost.isEmpty }) { report in
      "\(report.lost.labels(ranks: true)) had finished, but \(report.lost.count == 1 ? "its result was" : "their results were") "
        + "lost with the gather. Try mode=each."
    },
    SummarySentence("timeout.each", when: { report in
      report.outcome == .returned && !report.cancelled.isEmpty && (report.received?.contains("TimeoutError") ?? false)
    }) { report in
      let kept = report.finished
      return "Each task had its own deadline: \(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled "
        + "at \(seconds(report.cancelled.compactMap(\.endedAt).max())) and \(report.cancelled.count == 1 ? "its slot holds" : "their slots hold") "
        + "a TimeoutError" + (kept.isEmpty ? "." : ", while \(kept.labels()) kept \(kept.count == 1 ? "its result" : "their results").")
    },
    SummarySentence("timeout.never-fired", when: { report in
      report.outcome == .returned && report.finished.count == report.results.count
    }) { _ in
      "Every task finished before the deadline, so no timeout fired."
    },
  ]
}
