import GatherKit
import LabTerminal

/// A 5-second deadline over tasks of 1, 2 and 7 seconds: A and B finish, C is cancelled at the
/// deadline, and the caller gets a timeout — A's and B's results are lost with it.
public struct TimeoutDemo: Demo {
  public init() {}

  public let id = "timeout"
  public let summary = "A deadline over a gather: the late task is cancelled and the finished results are lost."
  public let sourceFile = "TimeoutDemo.swift"
  public let pythonFile = "timeout.py"
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "1,2,7", help: "seconds each task takes"),
    DemoParameter("timeout", .seconds(0.1...30), default: "5", help: "seconds before the deadline"),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    let timeout = parameters.seconds("timeout")
    let slowest = delays.max() ?? 0
    return DemoPlan(
      tasks: DemoPlan.lettered(delays.count),
      ideal: min(slowest, timeout),
      sequential: delays.reduce(0, +),
      deadline: timeout
    )
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let operations = parameters.secondsList("delays").enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    let observer = session.observer()
    do {
      // Like `async with asyncio.timeout(5):` around the gather.
      let results = try await withTimeout(.seconds(parameters.seconds("timeout")), clock: clock) {
        try await gather(operations, clock: clock, observer: observer)
      }
      session.returned("gather returned", results)
    } catch {
      session.caught(error)
    }
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    switch report.outcome {
    case .timedOut:
      let cancelled = report.results.filter { $0.result == .cancelled }.map(\.task)
      let finished = report.results.filter { if case .value = $0.result { true } else { false } }.map(\.task)
      var line = "At the deadline \(cancelled.joined(separator: ", ")) was cancelled and the caller got a timeout."
      if !finished.isEmpty {
        line += " \(finished.joined(separator: ", ")) had finished, but their results were lost with the gather."
      }
      return [line]
    case .returned:
      return ["Every task finished before the deadline, so the timeout never fired."]
    case .threw, .interrupted:
      return []
    }
  }
}
