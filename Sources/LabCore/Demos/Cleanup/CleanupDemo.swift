import GatherKit
import LabTerminal

/// Tasks of 0.5, 2.5 and 3 seconds under a 1-second deadline. When it passes, each task still
/// running receives its cancellation, closes its connection (`cleanup` seconds, drawn `▓` after
/// the cancel) and re-raises; the block ends once every task has ended, with a `TimeoutError`.
///
/// - `mode=reraise`: the right way. The block ends at the deadline plus the cleanup.
/// - `mode=swallow`: task `swallow` catches its cancellation and carries on with its work; the
///   group waits for it, so the block ends only when it is done — and, on CPython 3.11 to 3.13 as
///   in Swift, still with a `TimeoutError`: it swallowed its own cancellation, not the block's.
public struct CleanupDemo: Demo {
  public init() {}

  public let id = "cleanup"
  public let summary = "Cancelled at a deadline, tasks clean up and re-raise; one that swallows it holds the block up."
  public let sourceFile = "CleanupDemo.swift"
  public let pythonFile = "cleanup.py"
  public let parityCases = [
    [], ["mode=swallow"], ["mode=swallow", "swallow=2"], ["mode=swallow", "swallow=0"], ["cleanup=0"],
    ["deadline=4"], ["delays=1,2,3", "deadline=1.5", "cleanup=0.5"], ["mode=swallow", "delays=3,1.5", "cleanup=1"],
  ]

  public func plan(_ parameters: CleanupParameters) -> DemoPlan {
    let delays = parameters.delays
    let deadline = parameters.deadline
    let outlasting = delays.indices.filter { delays[$0] > deadline }
    var end = delays.max() ?? 0
    if !outlasting.isEmpty {
      // Each task still running at the deadline cleans up, except one that swallows and runs on.
      let cleaning = outlasting.contains { $0 != parameters.swallower }
      let swallowerEnd = parameters.swallower.flatMap { outlasting.contains($0) ? delays[$0] : nil } ?? 0
      end = max(cleaning ? deadline + parameters.cleanup : 0, swallowerEnd)
    }
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: delays),
      ideal: end,
      sequential: delays.reduce(0, +),
      deadline: deadline
    )
  }

  public func run<C: Clock>(_ parameters: CleanupParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delays = parameters.delays
    let deadline = Duration.seconds(parameters.deadline)
    let cleanup = Duration.seconds(parameters.cleanup)
    let swallower = parameters.swallower
    let observer = session.observer()
    let shield = CancellationShield()
    await withTaskCancellationHandler {
      // code: begin
      // One task: `delay` seconds of work, then its letter. Cancelled, it
      // closes its connection and re-raises, like Python's
      // `except CancelledError: await close(); raise`.
      @Sendable func work(_ index: Int, _ delay: Double) async throws -> String {
        let name = TaskName.letter(index)
        let end = clock.now.advanced(by: .seconds(delay))
        do {
          try await clock.sleep(until: end, tolerance: nil)
          return name
        } catch {
          session.cancelling(name)
          if index == swallower {
            // Swallowed: it carries on. A Swift task cannot be un-cancelled,
            // so the rest of its work runs where the cancellation does not
            // reach.
            try await shield.run {
              try await clock.sleep(until: end, tolerance: nil)
            }
            return name
          }
          // Cleanup may await too; a cancelled task's own sleeps throw at
          // once, so it runs shielded.
          try await shield.run { try await clock.sleep(for: cleanup) }
          throw error
        }
      }

      do {
        // Like `async with asyncio.timeout(1):` around a TaskGroup: a group
        // with a deadline child. Its TimeoutError leaves the closure, so the
        // group cancels the other children, and waits for every one of them
        // to end before it rethrows.
        let results = try await withThrowingTaskGroup(of: (Int, String)?.self) { group in
          group.addTask {
            try await clock.sleep(for: deadline)
            throw TimeoutError(limit: "\(deadline)")
          }
          for (index, delay) in delays.enumerated() {
            group.addTask {
              let value = try await observing(
                index, clock: clock, observer: observer
              ) { try await work(index, delay) }
              return (index, value)
            }
          }
          var results = [String](repeating: "", count: delays.count)
          var pending = delays.count
          while pending > 0, let next = try await group.next() {
            guard let (index, value) = next else { continue }
            results[index] = value
            pending -= 1
          }
          group.cancelAll()  // all finished in time: stop the deadline
          return results
        }
        session.returned("block ended", results)
      } catch {
        session.caught(error, timeoutLabel: "TimeoutError raised")
      }
      // code: end
    } onCancel: {
      shield.interrupt()
    }
  }
}
