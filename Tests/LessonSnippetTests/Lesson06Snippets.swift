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
struct Lesson06Snippets {
  @Test func gatherCancelsTheReceiptWhenTheCardIsDeclined() async {
    let run = ScriptedRun { clock in await checkout(clock: clock) }
    await run.advance(to: 1)
    #expect(run.lines == ["1.0s receipt cancelled", "1.0s caught CardDeclined()"])
    #expect(run.secondsWhenReturned == 1)
    await run.advance(to: 3)
    #expect(run.lines.count == 2)
  }

  @Test func asyncioStyleGatherLeavesTheReceiptRunning() async {
    let run = ScriptedRun { clock in await checkoutLikeAsyncio(clock: clock) }
    await run.advance(to: 1)
    #expect(run.lines == ["1.0s caught CardDeclined()"])
    await run.advance(to: 2)
    #expect(run.lines == ["1.0s caught CardDeclined()", "2.0s receipt sent"])
    await #expect(throws: Never.self) { try await run.value() }
    #expect(run.secondsWhenReturned == 2)
  }
}
