import Testing
import TestSupport

/// The test clock's own promises: a task is known by an id no later task reuses, and `runToEnd`
/// stops at the run's end, not at a quiet spell.
@Suite struct ClockStepperTests {
  @Test func aTaskThatNeverSleptSeesNowNotTheWakeTimeOfAnEndedTask() async {
    let clock = ClockStepper()
    // Many short tasks, each sleeping and ending: the addresses of ended tasks get reused.
    let woke = await clock.runToEnd {
      var seen: [Duration] = []
      for _ in 0..<50 {
        seen.append(await Task {
          try? await clock.sleep(for: .seconds(1))
          return ClockStepper.Instant().duration(to: clock.timeSeenByCurrentTask)
        }.value)
      }
      return seen
    }
    #expect(woke == (1...50).map { Duration.seconds($0) })
    // Fresh tasks after those ended, later: none has slept, so each sees the clock's own time.
    await clock.advance(by: .seconds(10))
    for _ in 0..<50 {
      let seen = await Task { clock.timeSeenByCurrentTask }.value
      #expect(seen == clock.now)
    }
  }

  @Test func runToEndWaitsForARunWhoseNextSleepComesLate() async {
    let clock = ClockStepper()
    let value = await clock.runToEnd {
      try? await clock.sleep(for: .seconds(1))
      // Busy between two sleeps, with no progress to report: yielding a thousand times.
      for _ in 0..<1_000 { await Task.yield() }
      try? await clock.sleep(for: .seconds(1))
      return ClockStepper.Instant().duration(to: clock.now)
    }
    #expect(value >= .seconds(2))
  }
}
