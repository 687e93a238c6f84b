import Testing

func firstToFinish(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> String? {
  try await withThrowingTaskGroup(of: String.self) { group in
    for (name, seconds) in [("A", 3), ("B", 1), ("C", 2)] {
      group.addTask { try await job(name, seconds: seconds, clock: clock) }
    }
    let first = try await group.next()
    group.cancelAll()
    return first
  }
}

/// The lesson's claim about forgetting `cancelAll()`: the group waits for every child.
func firstToFinishWithoutCancelling(
  clock: some Clock<Duration>
) async throws -> String? {
  try await withThrowingTaskGroup(of: String.self) { group in
    for (name, seconds) in [("A", 3), ("B", 1), ("C", 2)] {
      group.addTask { try await job(name, seconds: seconds, clock: clock) }
    }
    return try await group.next()
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson08Snippets {
  @Test func theFirstResultArrivesAfterOneSecondAndTheOthersAreCancelled() async throws {
    let run = ScriptedRun { clock in try await firstToFinish(clock: clock) }
    await run.advance(to: 1, onceSleeping: 3)
    #expect(try await run.value() == "B")
    #expect(run.secondsWhenReturned == 1)
    await run.advance(to: 3, onceSleeping: 0)
    #expect(run.lines == ["1.0s Task B done"])
  }

  @Test func withoutCancelAllTheGroupWaitsForTheSlowestChild() async throws {
    let run = ScriptedRun { clock in try await firstToFinishWithoutCancelling(clock: clock) }
    await run.advance(to: 2, onceSleeping: 3)
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 3, onceSleeping: 1)
    #expect(try await run.value() == "B")
    #expect(run.secondsWhenReturned == 3)
    #expect(run.lines == ["1.0s Task B done", "2.0s Task C done", "3.0s Task A done"])
  }
}
