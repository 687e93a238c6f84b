import GatherKit
import Testing

func profileAndSettings(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await gather([
    { try await fetch("profile", after: .seconds(1), clock: clock) },
    { try await fetch("settings", after: .seconds(1), clock: clock) },
  ])
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson01Snippets {
  @Test func twoOneSecondFetchesReturnTogetherAfterOneSecond() async throws {
    let run = ScriptedRun { clock in try await profileAndSettings(clock: clock) }
    await run.advance(to: 0.9, onceSleeping: 2)
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 1, onceSleeping: 2)
    #expect(try await run.value() == ["profile", "settings"])
    #expect(run.secondsWhenReturned == 1)
  }

  @Test func fetchReturnsItsNameAfterTheDelay() async throws {
    let run = ScriptedRun { clock in try await fetch("x", after: .seconds(2), clock: clock) }
    await run.advance(to: 2, onceSleeping: 1)
    #expect(try await run.value() == "x")
    #expect(run.secondsWhenReturned == 2)
  }
}
