import GatherKit
import Testing

func downloadAll(
  _ urls: [String],
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await boundedGather(urls, limit: 10) { url in
    try await fetch(url, after: .seconds(1), clock: clock)
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson09Snippets {
  @Test func aHundredOneSecondDownloadsTenAtATimeTakeTenSeconds() async throws {
    let urls = (0..<100).map { "https://example.com/\($0)" }
    let run = ScriptedRun { clock in try await downloadAll(urls, clock: clock) }
    // Ten waves: at every whole second, ten downloads are in flight.
    for second in 1...9 {
      await run.advance(to: Double(second), onceSleeping: 10)
    }
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 10, onceSleeping: 10)
    #expect(try await run.value() == urls)
    #expect(run.secondsWhenReturned == 10)
  }
}
