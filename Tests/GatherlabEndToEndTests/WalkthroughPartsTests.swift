import Foundation
import Testing

/// The walkthrough as a learner reads it, in parts, with its predictions, on a small fixture
/// course passed with `--lessons` (so adding a lesson to the course breaks nothing here). Each
/// test has its own state directory and course directory.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughPartsTerminalTests {
    let home: URL
    let course: URL

    static let finishFirst = """
      ---
      id: finish-first
      title: Who finishes first
      section: Results Order
      demo: ordering
      params:
        delays: 3,1,2
      ---

      Three tasks sleep for different times: A for three seconds, B for one and C
      for two. gather() starts them together and hands back their results.

      The order they end and the order of the results are two different things.
      This lesson asks you about both before it shows them.

      ## The order they end

      Each task ends when its own sleep ends, whatever its place in the call.

      ```predict
      id: finish-order
      ask: A takes 3 s, B 1 s and C 2 s. In what order do they finish?
      answer: order
      run: ordering delays=3,1,2
      expect: B C A
      why: Each task ends when its own sleep ends; gather only puts the results back in argument order.
      ```

      The run shows B first, then C, then A.

      ## What the program prints

      ```python
      print(['A', 'B'])
      ```

      ```predict
      id: printed
      ask: What does the program print?
      answer: choice
      run: python
      options:
        - text: a list of results
          shows: "['A', 'B']"
        - text: a coroutine object
          shows: "<coroutine object"
      expect: a
      why: print shows the list itself.
      ```

      ```output
      ['A', 'B']
      ```

      """

    static let theEnd = """
      ---
      id: the-end
      title: The end
      section: Conclusion
      ---

      That is all.

      """

    init() throws {
      let root = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      home = root.appending(path: "home")
      course = root.appending(path: "lessons")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
      try Data(Self.finishFirst.utf8).write(to: course.appending(path: "01-finish-first.md"))
      try Data(Self.theEnd.utf8).write(to: course.appending(path: "02-the-end.md"))
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
      let course = home.appending(path: "lessons")
      try FileManager.default.createDirectory(at: course, withIntermediateDirectories: true)
      try Data(WalkthroughPartsTerminalTests.finishFirst.utf8).write(to: course.appending(path: "01-finish-first.md"))
      try Data(WalkthroughPartsTerminalTests.theEnd.utf8).write(to: course.appending(path: "02-the-end.md"))
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
