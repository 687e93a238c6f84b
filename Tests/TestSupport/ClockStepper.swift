import Clocks

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
  public func run(step: Duration = .milliseconds(500), limit: Duration = .seconds(120)) async {
    await settle()
    var elapsed = Duration.zero
    while elapsed < limit, (try? await clock.checkSuspension()) == nil {
      await advance(by: step)
      elapsed += step
    }
  }
}
