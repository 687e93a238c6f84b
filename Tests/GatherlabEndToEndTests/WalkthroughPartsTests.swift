import Foundation
import TestSupport
import Testing

/// The walkthrough as a learner reads it, in parts, with its predictions, on TestSupport's
/// `PartsFixtures` course passed with `--lessons` (so adding a lesson to the course breaks nothing
/// here). Each test has its own state directory and course directory.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughPartsTerminalTests {
    let home: URL
    /// `PartsFixtures`' two lessons; the first has five parts and two predictions.
    let course: TemporaryDirectory

    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      course = try TemporaryDirectory(files: PartsFixtures.files)
    }

    func start(_ arguments: [String] = [], rows: Int = 24, columns: Int = 80) throws -> PseudoTerminal {
      try PseudoTerminal.gatherlab(
        ["--lessons", course.path, "--speed", "10"] + arguments,
        environment: ["GATHERLAB_HOME": home.path], rows: rows, columns: columns
      )
    }

    @Test func startingAt80By24ShowsTheWelcomeAndTheTitleAtTheFirstPrompt() async throws {
      let terminal = try start()
      try await terminal.waitFor("gatherlab 1/2 finish-first 1/5 › ")
      let lines = terminal.screen.lines
      #expect(lines.first == "Welcome to gatherlab: 2 short lessons on asyncio.gather() and structured")
      #expect(lines.contains("Who finishes first"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func aWrongAnswerGetsAVerdictNamingBothThenListShowsTheScoreAndReviewAsksAgain() async throws {
      let terminal = try start()
      try await terminal.waitFor("finish-first 1/5 › ")
      try terminal.write("\r")
      var mark = terminal.mark()
      try await terminal.waitFor("finish-first 2/5 › ", after: mark)
      mark = terminal.mark()
      try terminal.write("\r")
      try await terminal.waitFor("predict › ", after: mark)
      mark = terminal.mark()
      try terminal.write("a b c\r")
      let verdict = try await terminal.waitFor("finish-first 3/5 › ", after: mark)
      #expect(stripANSI(verdict).contains("✗ You said A B C; the run finished B, C, A (each row's finish rank)."))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))

      let again = try start()
      let resumed = try await again.waitFor("finish-first 3/5 › ")
      #expect(stripANSI(resumed).hasPrefix("Resuming at 1/2 finish-first, part 3/5; 'restart' starts over."))
      #expect(stripANSI(resumed).contains("You said A B C, which is not what the run showed; 'review' asks it again."))
      mark = again.mark()
      try again.write("list\r")
      let listed = try await again.waitFor("The end", after: mark)
      #expect(stripANSI(listed).contains("▸ 1  finish-first  0/2  Who finishes first"))
      mark = again.mark()
      try again.write("review\r")
      try await again.waitFor("predict › ", after: mark)
      mark = again.mark()
      try again.write("bca\r")
      let reviewed = try await again.waitFor("Review done: every one right now.", after: mark)
      #expect(stripANSI(reviewed).contains("✓ You said B C A; the run finished B, C, A (each row's finish rank) — right."))
      try again.write("\u{04}")
      #expect(try await again.waitForExit() == .exited(0))
      let data = try #require(FileManager.default.contents(atPath: home.appending(path: "progress.json").path))
      let progress = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      let answers = try #require(progress["predictions"] as? [String: [String: Any]])
      #expect(answers["finish-first/finish-order"]?["answer"] as? String == "B C A")
      #expect(answers["finish-first/finish-order"]?["correct"] as? Bool == true)
    }

    @Test func aLeadingGatherlabRunsTheCommandAsTheLessonsPrintIt() async throws {
      let terminal = try start()
      try await terminal.waitFor("› ")
      let mark = terminal.mark()
      try terminal.write("gatherlab run ordering delays=1,2\r")
      let ran = try await terminal.waitFor("finish-first 1/5 › ", after: mark)
      #expect(stripANSI(ran).contains("outcome     returned"))
      #expect(!stripANSI(ran).contains("Unknown command"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func ctrlCThenEnterNeverMovesOnRepeatedManyTimes() async throws {
      let terminal = try start()
      try await terminal.waitFor("finish-first 1/5 › ")
      for _ in 0..<20 {
        var mark = terminal.mark()
        try terminal.write("goto 2\u{03}")
        try await terminal.waitFor("finish-first 1/5 › ", after: mark)
        mark = terminal.mark()
        try terminal.write("\r")
        try await terminal.waitFor("finish-first 1/5 › ", after: mark)
      }
      // One more line proves every Enter above was read, and none moved on.
      let mark = terminal.mark()
      try terminal.write("\r")
      try await terminal.waitFor("finish-first 2/5 › ", after: mark)
      #expect(!stripANSI(terminal.output).contains("the-end"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }

  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughPartsPipedTests {
    let home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")

    @Test func aPipedScriptPrintsThePredictionsAndCompletesWithoutWaiting() async throws {
      let course = try TemporaryDirectory(files: PartsFixtures.files)
      let result = try await GatherlabProcess(
        ["--lessons", course.path, "--speed", "50"],
        environment: ["GATHERLAB_HOME": home.path],
        standardInput: "\ngatherlab list\n"
      ).run()
      #expect(result.status == .exited(0))
      #expect(result.standardError == "")
      #expect(result.standardOutput.contains("""
        Predict: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
          The run that answers it: run ordering delays=3,1,2
        """))
      #expect(result.standardOutput.contains("Lesson 2/2 · the-end"))
      #expect(result.standardOutput.contains("▸ 2  the-end"))
      #expect(!result.standardOutput.contains("predict ›"))
      #expect(!result.standardOutput.contains("ordering · delays=3,1,2"))
    }
  }
}
