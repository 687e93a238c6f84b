import Clocks
import Synchronization

/// Drives a `TestClock` step by step, letting the woken tasks run between steps.
///
/// `TestClock.run()` jumps from one deadline to the next without waiting for the tasks it woke
/// to do their work, so on a busy machine their events could carry a later instant. Advancing in
/// small steps and settling after each — yielding until `progress` stops changing — keeps every
/// event at the instant it happened. No wall-clock sleeping.
public struct ClockStepper: Sendable {
  public let clock: TestClock<Duration>
  /// Something that grows as the code under test makes progress (events recorded, bytes written).
  public let progress: @Sendable () -> Int

  public init(clock: TestClock<Duration>, progress: @escaping @Sendable () -> Int) {
    self.clock = clock
    self.progress = progress
  }

  /// Yields until `progress` has not changed for 500 yields in a row.
  public func settle() async {
    var last = -1
    var quietYields = 0
    while quietYields < 500 {
      await Task.yield()
      let current = progress()
      quietYields = current == last ? quietYields + 1 : 0
      last = current
    }
  }

  /// Advances the clock by `duration` and settles.
  public func advance(by duration: Duration) async {
    await clock.advance(by: duration)
    await settle()
  }

  /// Advances in `step`s until no task sleeps on the clock (or `limit` is reached).
  /// Steps until `finished` says the run is over. Where nothing sleeps on the clock yet, it waits
  /// (settles again) instead of stopping: on a loaded machine the woken tasks may take longer
  /// than one settle to reach their next sleep, and stopping then would leave them asleep on a
  /// clock nobody moves.
  public func run(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    until finished: @Sendable () -> Bool
  ) async {
    await settle()
    var elapsed = Duration.zero
    var idleSettles = 0
    while elapsed < limit, !finished(), idleSettles < 2_000 {
      if (try? await clock.checkSuspension()) == nil {
        await advance(by: step)
        elapsed += step
        idleSettles = 0
      } else {
        await settle()
        idleSettles += 1
      }
    }
  }

  public func run(step: Duration = .milliseconds(500), limit: Duration = .seconds(120)) async {
    await settle()
    var elapsed = Duration.zero
    while elapsed < limit, (try? await clock.checkSuspension()) == nil {
      await advance(by: step)
      elapsed += step
    }
  }
}

/// Set once a run on a test clock has ended, for `ClockStepper.run(until:)`.
public final class FinishFlag: Sendable {
  private let state = Mutex(false)

  public init() {}

  public var isSet: Bool { state.withLock { $0 } }
  public func set() { state.withLock { $0 = true } }
}
