import GatherKit
import Testing

func oneByOne(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  var users: [String] = []
  for id in 1...3 {
    let user = try await fetch("user \(id)", after: .seconds(1),
                               clock: clock)
    users.append(user)
  }
  return users
}

func allAtOnce(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await gather([
    { try await fetch("user 1", after: .seconds(1), clock: clock) },
    { try await fetch("user 2", after: .seconds(1), clock: clock) },
    { try await fetch("user 3", after: .seconds(1), clock: clock) },
  ])
}

func allAtOnceWithAsyncLet(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  async let first = fetch("user 1", after: .seconds(1), clock: clock)
  async let second = fetch("user 2", after: .seconds(1), clock: clock)
  async let third = fetch("user 3", after: .seconds(1), clock: clock)
  return try await [first, second, third]
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson02Snippets {
  static let users = ["user 1", "user 2", "user 3"]

  @Test func awaitingOneByOneTakesThreeSeconds() async throws {
    let run = ScriptedRun { clock in try await oneByOne(clock: clock) }
    // Each fetch starts only when the one before has returned: one sleeper at a time.
    for second in [1.0, 2.0, 2.5] {
      await run.advance(to: second, onceSleeping: 1)
    }
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 3, onceSleeping: 1)
    #expect(try await run.value() == Self.users)
    #expect(run.secondsWhenReturned == 3)
  }

  @Test func gatheringTakesOneSecond() async throws {
    let run = ScriptedRun { clock in try await allAtOnce(clock: clock) }
    await run.advance(to: 1, onceSleeping: 3)
    #expect(try await run.value() == Self.users)
    #expect(run.secondsWhenReturned == 1)
  }

  @Test func asyncLetAlsoTakesOneSecond() async throws {
    let run = ScriptedRun { clock in try await allAtOnceWithAsyncLet(clock: clock) }
    await run.advance(to: 1, onceSleeping: 3)
    #expect(try await run.value() == Self.users)
    #expect(run.secondsWhenReturned == 1)
  }
}
