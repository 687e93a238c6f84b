import Foundation
import Testing

/// `gatherlab` and `gatherlab list` with nothing after them run their defaults without the
/// argument parser (a third of their start-up): they must do exactly what the parsed lines do.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(1)))
  struct UnparsedStartTests {
    private func run(_ arguments: [String], input: String = "") async throws -> ProcessResult {
      let home = FileManager.default.temporaryDirectory.appendingPathComponent("gatherlab-unparsed-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: home) }
      return try await GatherlabProcess(arguments, environment: ["GATHERLAB_HOME": home.path], standardInput: input).run()
    }

    @Test func plainGatherlabReadsAPipedClassAsTheParsedTutorialDoes() async throws {
      let input = "next\nlist\nquit\n"
      let unparsed = try await run([], input: input)
      let parsed = try await run(["tutorial", "--"], input: input)
      #expect(unparsed.standardOutput.contains("Lesson 2/20"))
      #expect(unparsed.standardOutput == parsed.standardOutput)
      #expect(unparsed.standardError == parsed.standardError)
      #expect(unparsed.status == parsed.status)
    }

    @Test func plainListPrintsWhatTheParsedListPrints() async throws {
      let unparsed = try await run(["list"])
      let parsed = try await run(["list", "--"])
      #expect(unparsed.standardOutput.hasPrefix("Lessons\n   1  what-is-gather"))
      #expect(unparsed.standardOutput == parsed.standardOutput)
      #expect(unparsed.status == parsed.status)
    }
  }
}
