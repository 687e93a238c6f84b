import GatherKit
import LabTerminal

/// `asyncio.wait(tasks, return_when=FIRST_COMPLETED)`: it returns at 1 s with B done and A and C
/// still pending. `wait` cancels nothing, so the demo cancels A and C itself, as real code must.
public struct FirstCompletedDemo: Demo {
  public init() {}

  public let id = "first-completed"
  public let summary = "asyncio.wait(FIRST_COMPLETED): return at the first result, then cancel the rest yourself."
  public let sourceFile = "FirstCompletedDemo.swift"
  public let pythonFile = "first_completed.py"
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "3,1,2", help: "seconds each task takes"),
  ]

  public func plan(_ parameters: DemoParameters) -> DemoPlan {
    let delays = parameters.secondsList("delays")
    return DemoPlan(tasks: DemoPlan.lettered(delays.count), ideal: delays.min() ?? 0, sequential: delays.reduce(0, +))
  }

  public func run<C: Clock>(_ parameters: DemoParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let operations = parameters.secondsList("delays").enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    // Like asyncio.create_task for each, then asyncio.wait(..., return_when=FIRST_COMPLETED).
    let tasks = UnstructuredTasks(operations, clock: clock, observer: session.observer())
    await withTaskCancellationHandler {
      let status = await tasks.wait(for: .firstCompleted)
      let done = status.done.map { TaskName.letter($0) }
      session.returned("wait returned", done.map { "\($0) done" }, quoted: false)
      // wait() cancelled nothing: the pending tasks are still running until we cancel them.
      tasks.cancel(status.pending)
      _ = await tasks.settle()
    } onCancel: {
      tasks.cancelAll()
    }
  }

  public func takeaway(_ report: DemoReport) -> [String] {
    guard report.outcome == .returned else { return [] }
    let done = report.results.filter { if case .value = $0.result { true } else { false } }.map(\.task)
    let cancelled = report.results.filter { $0.result == .cancelled }.map(\.task)
    var line = "wait returned at \(SecondsFormat.seconds(report.elapsed)) with \(done.joined(separator: ", ")) done."
    if !cancelled.isEmpty {
      line += " \(cancelled.joined(separator: ", ")) were still running; wait cancels nothing, so the code cancelled them."
    }
    return [line]
  }
}
