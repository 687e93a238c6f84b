import GatherKit
import Testing

func parse(
  _ file: String,
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> String {
  try await clock.sleep(for: .seconds(1))
  return "\(file.uppercased()) parsed"
}

func parseAll(
  _ files: [String],
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  let jobs = files.map { file in
    { @Sendable in try await parse(file, clock: clock) }
  }
  return try await gather(jobs)
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson04Snippets {
  @Test func parsingThreeFilesTakesOneSecondAndKeepsTheirOrder() async throws {
    let files = ["notes.txt", "todo.txt", "log.txt"]
    let run = ScriptedRun { clock in try await parseAll(files, clock: clock) }
    await run.advance(to: 1, onceSleeping: 3)
    let results = try await run.value()
    #expect(results == ["NOTES.TXT parsed", "TODO.TXT parsed", "LOG.TXT parsed"])
    #expect(run.secondsWhenReturned == 1)
    #expect(zip(files, results).allSatisfy { file, result in result.hasPrefix(file.uppercased()) })
  }

  @Test func parsingNoFilesReturnsAtOnce() async throws {
    let run = ScriptedRun { clock in try await parseAll([], clock: clock) }
    #expect(try await run.value() == [])
    #expect(run.secondsWhenReturned == 0)
  }
}
