import GatherKit
import Testing

func download(
  _ name: String,
  seconds: Int,
  clock: some Clock<Duration>
) async throws -> String {
  do {
    try await clock.sleep(for: .seconds(seconds))
  } catch {
    print("\(name) cancelled")
    throw error
  }
  print("\(name) finished")
  return name
}

func downloadAllWithin5s(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await withTimeout(.seconds(5), clock: clock) {
    try await gather([
      { try await download("A", seconds: 1, clock: clock) },
      { try await download("B", seconds: 2, clock: clock) },
      { try await download("C", seconds: 7, clock: clock) },
    ])
  }
}

func downloadEachWithin5s(
  clock: some Clock<Duration> = ContinuousClock()
) async -> [Result<String, any Error>] {
  let jobs = [("A", 1), ("B", 2), ("C", 7)].map { name, seconds in
    { @Sendable in
      try await withTimeout(.seconds(5), clock: clock) {
        try await download(name, seconds: seconds, clock: clock)
      }
    }
  }
  return await gatherSettled(jobs)
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson12Snippets {
  @Test func aDeadlineAroundTheGatherLosesEveryResult() async {
    let run = ScriptedRun { clock in try await downloadAllWithin5s(clock: clock) }
    // A, B and C, plus the deadline's timer.
    await run.advance(to: 4.5, onceSleeping: 4)
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 5, onceSleeping: 2)
    #expect(await run.error() as? TimeoutError == TimeoutError(limit: "5.0 seconds"))
    #expect(run.secondsWhenReturned == 5)
    #expect(run.lines == ["1.0s A finished", "2.0s B finished", "5.0s C cancelled"])
  }

  @Test func aDeadlineOnEachTaskKeepsTheResultsThatArrivedInTime() async throws {
    let run = ScriptedRun { clock in await downloadEachWithin5s(clock: clock) }
    // Three downloads, each with its own timer.
    await run.advance(to: 5, onceSleeping: 6)
    let outcomes = try await run.value()
    #expect(outcomes.count == 3)
    #expect(try outcomes[0].get() == "A")
    #expect(try outcomes[1].get() == "B")
    #expect(throws: TimeoutError.self) { try outcomes[2].get() }
    #expect(run.secondsWhenReturned == 5)
    #expect(run.lines == ["1.0s A finished", "2.0s B finished", "5.0s C cancelled"])
  }

  @Test func withoutALateTaskTheDeadlineChangesNothing() async throws {
    let run = ScriptedRun { clock -> [String] in
      try await withTimeout(.seconds(5), clock: clock) {
        try await gather([
          { try await download("A", seconds: 1, clock: clock) },
          { try await download("B", seconds: 2, clock: clock) },
        ])
      }
    }
    await run.advance(to: 2, onceSleeping: 3)
    #expect(try await run.value() == ["A", "B"])
    #expect(run.secondsWhenReturned == 2)
  }
}
