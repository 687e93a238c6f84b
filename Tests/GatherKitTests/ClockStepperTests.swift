import GatherKit
import Synchronization
import Testing
import TestSupport

/// The test clock's own promises: a task is known by an id no later task reuses, `runToEnd`
/// stops at the run's end, not at a quiet spell, and every event carries the instant it
/// happened at however much work (or however slow a machine) lies between a wake-up and it.
@Suite(.timeLimit(.minutes(1))) struct ClockStepperTests {
  @Test func aTaskThatNeverSleptSeesNowNotTheWakeTimeOfAnEndedTask() async {
    let clock = ClockStepper()
    // Many short tasks, each sleeping and ending: the addresses of ended tasks get reused.
    let woke = await clock.runToEnd {
      var seen: [Duration] = []
      for _ in 0..<50 {
        seen.append(await Task(executorPreference: clock.executor) {
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
    #expect(value == .seconds(2))
  }

  /// The old clock moved time on after 500 yields without progress: a task busy for longer
  /// between its wake-up and its event stamped the event half a second late.
  @Test func muchWorkBetweenAWakeUpAndItsEventKeepsTheEventsInstant() async {
    let clock = ClockStepper()
    let instants = await clock.runToEnd {
      await withTaskGroup(of: Duration.self) { group in
        for seconds in [1, 2] {
          group.addTask {
            try? await clock.sleep(for: .seconds(seconds))
            for _ in 0..<5_000 { await Task.yield() }
            return ClockStepper.Instant().duration(to: clock.now)
          }
        }
        return await group.reduce(into: []) { $0.append($1) }.sorted()
      }
    }
    #expect(instants == [.seconds(1), .seconds(2)])
  }

  @Test func manyTasksWokenAtOneInstantAllSeeThatInstant() async {
    let clock = ClockStepper()
    let instants = await clock.runToEnd {
      await withTaskGroup(of: (Int, Duration).self) { group in
        for index in 0..<300 {
          group.addTask {
            try? await clock.sleep(for: .milliseconds(250 * (index % 4 + 1)))
            for _ in 0..<(index % 7) * 20 { await Task.yield() }
            return (index, ClockStepper.Instant().duration(to: clock.now))
          }
        }
        var instants = Array(repeating: Duration.zero, count: 300)
        for await (index, instant) in group { instants[index] = instant }
        return instants
      }
    }
    // Off the half-second grid the run steps on: each deadline is an instant of its own.
    #expect(instants == (0..<300).map { .milliseconds(250 * ($0 % 4 + 1)) })
  }

  /// A task woken at 1 s wakes a second, which wakes a third, each after work of its own: all
  /// three happen at 1 s, and all before the test's advance returns.
  @Test func aChainOfTasksWakingEachOtherAtOneInstantEndsBeforeTimeMoves() async {
    let clock = ClockStepper()
    let seen = Mutex<[String]>([])
    let (toB, wakeB) = AsyncStream.makeStream(of: Void.self)
    let (toC, wakeC) = AsyncStream.makeStream(of: Void.self)
    @Sendable func note(_ name: String) {
      let instant = ClockStepper.Instant().duration(to: clock.now)
      seen.withLock { $0.append("\(name) \(instant)") }
    }
    clock.start {
      try? await clock.sleep(for: .seconds(1))
      for _ in 0..<2_000 { await Task.yield() }
      note("A")
      wakeB.yield()
    }
    clock.start {
      for await _ in toB {
        for _ in 0..<2_000 { await Task.yield() }
        note("B")
        wakeC.yield()
        return
      }
    }
    clock.start {
      for await _ in toC {
        for _ in 0..<2_000 { await Task.yield() }
        note("C")
        return
      }
    }
    await clock.advance(to: ClockStepper.Instant(offset: .seconds(1)))
    #expect(seen.withLock { $0 } == ["A 1.0 seconds", "B 1.0 seconds", "C 1.0 seconds"])
  }

  /// `UnstructuredTasks` started by the code under test run on the clock's executor (through
  /// `TaskPlacement`), so the clock waits for them too, though nobody awaits them.
  @Test func unstructuredTasksTheCodeUnderTestStartsAreWaitedFor() async {
    let clock = ClockStepper()
    let ended = Mutex<[String]>([])
    let tasks = await clock.start {
      UnstructuredTasks<Int>([1, 2].map { seconds in
        {
          try await clock.sleep(for: .seconds(seconds))
          for _ in 0..<3_000 { await Task.yield() }
          ended.withLock { $0.append("\(seconds) at \(ClockStepper.Instant().duration(to: clock.now))") }
          return seconds
        }
      })
    }.value
    await clock.advance(by: .seconds(1))
    #expect(ended.withLock { $0 } == ["1 at 1.0 seconds"])
    await clock.advance(by: .seconds(1))
    #expect(ended.withLock { $0 } == ["1 at 1.0 seconds", "2 at 2.0 seconds"])
    #expect(clock.executor.jobsRun > 6_000)
    _ = await tasks.settle()
  }

  @Test func aSleepUntilNowWakesAtTheSameInstant() async {
    let clock = ClockStepper()
    let value = await clock.runToEnd {
      try? await clock.sleep(for: .seconds(1))
      try? await clock.sleep(until: clock.now)
      return ClockStepper.Instant().duration(to: clock.now)
    }
    #expect(value == .seconds(1))
  }
}
