import Testing

func pagesOrFirstError(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await withThrowingTaskGroup(of: String.self) { group in
    group.addTask { try await fetch("A", after: .milliseconds(500), clock: clock) }
    group.addTask { try await chargeCard(clock: clock) }
    group.addTask { try await sendReceipt(clock: clock) }
    var pages: [String] = []
    for try await page in group {
      pages.append(page)
    }
    return pages
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson14Snippets {
  @Test func theFirstErrorLeavesTheBodyAndCancelsTheReceipt() async throws {
    let run = ScriptedRun { clock in try await pagesOrFirstError(clock: clock) }
    await run.advance(to: 0.5, onceSleeping: 3)
    await run.advance(to: 1, onceSleeping: 2)
    #expect(await run.error() is CardDeclined)
    #expect(run.secondsWhenReturned == 1)
    #expect(run.lines == ["1.0s receipt cancelled"])
  }
}
