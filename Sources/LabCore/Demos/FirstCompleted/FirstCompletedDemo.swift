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
  public let parityCases = [[], ["delays=0,1"], ["delays=2"], ["delays=1,2,3"], ["delays=2.5,0.5,1.5"]]

  public func plan(_ parameters: FirstCompletedParameters) -> DemoPlan {
    let delays = parameters.delays
    return DemoPlan(tasks: DemoPlan.lettered(durations: delays), ideal: delays.min() ?? 0, sequential: delays.reduce(0, +))
  }

  public func run<C: Clock>(_ parameters: FirstCompletedParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.delays
    let observer = session.observer()
    // code: begin
    let operations = delays.enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    // Like asyncio.create_task for each, then asyncio.wait(..., return_when=FIRST_COMPLETED).
    let tasks = UnstructuredTasks(operations, clock: clock, observer: observer)
    await withTaskCancellationHandler {
      let status = await tasks.wait(for: .firstCompleted)
      session.returned("wait returned", [Self.describe(status)], quoted: false)
      // wait() cancelled nothing: the pending tasks are still running until we cancel them.
      tasks.cancel(status.pending)
      _ = await tasks.settle()
    } onCancel: {
      tasks.cancelAll()
    }
    // code: end
  }

  /// `done={B}, pending={A, C}`, as Python's `wait` hands back two sets.
  static func describe(_ status: UnstructuredTasks<String>.Status) -> String {
    let done = status.done.map { TaskName.letter($0) }.joined(separator: ", ")
    let pending = status.pending.map { TaskName.letter($0) }.joined(separator: ", ")
    return "done={\(done)}, pending={\(pending)}"
  }
}
