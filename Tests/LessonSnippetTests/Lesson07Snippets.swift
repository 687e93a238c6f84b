import GatherKit
import Testing

func checkoutSettled(
  clock: some Clock<Duration> = ContinuousClock()
) async -> [String] {
  let outcomes: [Result<String, any Error>] = await gatherSettled([
    { try await chargeCard(clock: clock) },
    { try await sendReceipt(clock: clock) },
  ])
  return outcomes.enumerated().map { index, outcome in
    switch outcome {
    case .success(let value): "task \(index) succeeded: \(value)"
    case .failure(let error): "task \(index) failed: \(error)"
    }
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson07Snippets {
  @Test func settledGatherWaitsForEveryTaskAndReturnsTheErrorInItsSlot() async throws {
    let run = ScriptedRun { clock in await checkoutSettled(clock: clock) }
    await run.advance(to: 1.5, onceSleeping: 2)
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 2, onceSleeping: 1)
    #expect(try await run.value() == ["task 0 failed: CardDeclined()", "task 1 succeeded: sent"])
    #expect(run.lines == ["2.0s receipt sent"])
    #expect(run.secondsWhenReturned == 2)
  }
}
