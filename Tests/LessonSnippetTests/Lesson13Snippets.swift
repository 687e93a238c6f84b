import Testing

func checkoutInDiscardingGroup(
  clock: some Clock<Duration> = ContinuousClock()
) async {
  do {
    try await withThrowingDiscardingTaskGroup { group in
      group.addTask { _ = try await chargeCard(clock: clock) }
      group.addTask { _ = try await sendReceipt(clock: clock) }
    }
  } catch {
    print("caught \(error)")
  }
}

func startReceiptButNeverAwaitIt(
  clock: some Clock<Duration> = ContinuousClock()
) async -> String {
  async let _ = sendReceipt(clock: clock)
  return "returned without awaiting"
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson13Snippets {
  @Test func aDiscardingGroupCancelsTheReceiptAtTheFirstThrowLikeATaskGroup() async throws {
    let run = ScriptedRun { clock in await checkoutInDiscardingGroup(clock: clock) }
    await run.advance(to: 1, onceSleeping: 2)
    try await run.value()
    #expect(run.lines == ["1.0s receipt cancelled", "1.0s caught CardDeclined()"])
    #expect(run.secondsWhenReturned == 1)
  }

  @Test func anAsyncLetNeverAwaitedIsCancelledAndAwaitedWhenItsScopeEnds() async throws {
    let run = ScriptedRun { clock in await startReceiptButNeverAwaitIt(clock: clock) }
    #expect(try await run.value() == "returned without awaiting")
    #expect(run.lines == ["0.0s receipt cancelled"])
    #expect(run.secondsWhenReturned == 0)
  }
}
