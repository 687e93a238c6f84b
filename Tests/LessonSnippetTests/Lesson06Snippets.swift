import GatherKit
import Testing

func checkout(
  clock: some Clock<Duration> = ContinuousClock()
) async {
  do {
    let results: [String] = try await gather([
      { try await chargeCard(clock: clock) },
      { try await sendReceipt(clock: clock) },
    ])
    print("results: \(results)")
  } catch {
    print("caught \(error)")
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson06Snippets {
  @Test func gatherCancelsTheReceiptWhenTheCardIsDeclined() async throws {
    let run = ScriptedRun { clock in await checkout(clock: clock) }
    await run.advance(to: 1, onceSleeping: 2)
    try await run.value()
    #expect(run.lines == ["1.0s receipt cancelled", "1.0s caught CardDeclined()"])
    #expect(run.secondsWhenReturned == 1)
    await run.advance(to: 3, onceSleeping: 0)
    #expect(run.lines.count == 2)
  }
}
