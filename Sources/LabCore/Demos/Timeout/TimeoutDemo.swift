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
  public let parityCases = [
    [], ["delays=1,2"], ["delays=0,3", "timeout=1"], ["delays=0.5", "timeout=2"], ["delays=3,1", "timeout=2"],
    ["mode=each"], ["mode=each", "delays=1,2"], ["mode=each", "delays=3,1", "timeout=2"],
  ]

  public func plan(_ parameters: TimeoutParameters) -> DemoPlan {
    let delays = parameters.delays
    let timeout = parameters.timeout
    let slowest = delays.max() ?? 0
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: delays),
      ideal: min(slowest, timeout),
      sequential: delays.reduce(0, +),
      deadline: timeout
    )
  }

  public func run<C: Clock>(_ parameters: TimeoutParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.delays
    let limit = Duration.seconds(parameters.timeout)
    let observer = session.observer()
    // code: begin
    let operations = delays.enumerated().map { index, delay in
      SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
    }
    if parameters.mode == .all {
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
}
