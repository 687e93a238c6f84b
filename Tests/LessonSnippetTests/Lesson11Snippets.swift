import GatherKit
import Testing

func checkoutLikeAsyncio(
  clock: some Clock<Duration> = ContinuousClock()
) async {
  let tasks = UnstructuredTasks<String>([
    { try await chargeCard(clock: clock) },
    { try await sendReceipt(clock: clock) },
  ])
  do {
    _ = try await tasks.gather()
  } catch {
    print("caught \(error)")
  }
  _ = await tasks.settle()    // the receipt task is still running
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson11Snippets {
  @Test func asyncioStyleGatherLeavesTheReceiptRunning() async {
    let run = ScriptedRun { clock in await checkoutLikeAsyncio(clock: clock) }
    await run.advance(to: 1, onceSleeping: 2)
    await run.waitForLines(1)
    #expect(run.lines == ["1.0s caught CardDeclined()"])
    await run.advance(to: 2, onceSleeping: 1)
    await #expect(throws: Never.self) { try await run.value() }
    #expect(run.lines == ["1.0s caught CardDeclined()", "2.0s receipt sent"])
    #expect(run.secondsWhenReturned == 2)
  }
}
