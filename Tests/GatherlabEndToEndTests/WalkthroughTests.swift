import Foundation
import TestSupport
import Testing

/// The walkthrough as a person uses it, in a pseudo-terminal, and as a teacher scripts it, piped,
/// on TestSupport's three-lesson `LessonFixtures.validCourse` passed with `--lessons`: adding a
/// lesson to the real course breaks nothing here. Only the narrow-terminal test reads the course
/// gatherlab ships, since it checks how that course's text wraps. Each test has its own state
/// directory (`GATHERLAB_HOME`) and course directory.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughTerminalTests {
    let home: URL
    let course: TemporaryDirectory

    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      course = try TemporaryDirectory(files: LessonFixtures.validCourse)
    }

    /// gatherlab on the fixture course, in a terminal tall enough that no part stops at a "more"
    /// marker (the parts reader has its own tests).
    func start(_ arguments: [String] = [], columns: Int = 80) throws -> PseudoTerminal {
      try startOnTheBundledCourse(["--lessons", course.path] + arguments, columns: columns)
    }

    /// gatherlab on the course it ships with.
    func startOnTheBundledCourse(_ arguments: [String] = [], columns: Int = 80) throws -> PseudoTerminal {
      try PseudoTerminal.gatherlab(arguments, environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: columns)
    }

    var savedProgress: [String: Any]? {
      guard let data = FileManager.default.contents(atPath: home.appending(path: "progress.json").path) else { return nil }
      return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    @Test func aLearnerMovesOnRunsADemoQuitsAndComesBackToTheSamePlace() async throws {
      let terminal = try start()
      try await terminal.waitFor("gatherlab 1/3 what-is-gather 1/")
      var mark = terminal.mark()
      try terminal.write("next\r")
      try await terminal.waitFor("gatherlab 2/3 results-order 1/", after: mark)

      mark = terminal.mark()
      try terminal.write("list\r")
      let listed = try await terminal.waitFor("3  conclusion", after: mark)
      #expect(stripANSI(listed).contains("✓ 1  what-is-gather  What gather is"))
      #expect(stripANSI(listed).contains("▸ 2  results-order   Results come back in order"))

      mark = terminal.mark()
      try terminal.write("speed 50\r")
      try await terminal.waitFor("Demos will run at speed 50×.", after: mark)
      mark = terminal.mark()
      try terminal.write("run\r")
      try await terminal.waitFor("finished    [0] A", after: mark)
      let ran = try await terminal.waitFor("gatherlab 2/3 results-order 1/", after: mark)
      #expect(stripANSI(ran).contains("outcome     returned"))
      #expect(stripANSI(ran).contains("speedup     "))
      #expect(terminal.screen.cursorVisible)

      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(savedProgress?["current"] as? String == "results-order")
      #expect(savedProgress?["completed"] as? [String] == ["what-is-gather"])
      #expect(savedProgress?["speed"] as? Double == 50)

      let again = try start()
      let resumed = try await again.waitFor("gatherlab 2/3 results-order 1/")
      #expect(stripANSI(resumed).hasPrefix("Resuming at 2/3 results-order; 'restart' starts over."))
      try again.write("\u{04}")
      #expect(try await again.waitForExit() == .exited(0))
    }

    @Test func ctrlCDuringASlowDemoStopsItAndReturnsToThePrompt() async throws {
      let terminal = try start(["--from", "2", "--speed", "1"])
      try await terminal.waitFor("› ")
      var mark = terminal.mark()
      try terminal.write("run timeout\r")
      try await terminal.waitForScreen("the live timeline") { $0.isAlternateScreenActive && $0.text.contains("running") }
      try terminal.write("\u{03}")
      try await terminal.waitFor("interrupted (Ctrl-C)", after: mark)
      let after = try await terminal.waitFor("› ", after: mark)
      #expect(stripANSI(after).contains("outcome     interrupted (Ctrl-C)"))
      #expect(terminal.screen.cursorVisible)
      #expect(!terminal.screen.isAlternateScreenActive)

      mark = terminal.mark()
      try terminal.write("help\r")
      try await terminal.waitFor("quit, exit, q", after: mark)
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func ctrlCAtThePromptClearsTheLine() async throws {
      let terminal = try start()
      try await terminal.waitFor("› ")
      try terminal.write("goto 3")
      try terminal.write("\u{03}")
      let mark = terminal.mark()
      try terminal.write("next\r")
      // Had the line survived, "goto 3next" would be an unknown lesson and lesson 1 would stay.
      try await terminal.waitFor("gatherlab 2/3", after: mark)
      #expect(!stripANSI(terminal.output).contains("Unknown lesson"))
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func tabCompletesDemoIdsAndParameterNames() async throws {
      let terminal = try start()
      try await terminal.waitFor("› ")
      try terminal.write("run ord\t")
      try await terminal.waitForScreen("run ordering") { $0.text.contains("› run ordering") }
      try terminal.write("del\t")
      try await terminal.waitForScreen("delays=") { $0.text.contains("› run ordering delays=") }
      try terminal.write("1,1\u{15}")  // Ctrl-U clears the line
      try terminal.write("goto wh\t")
      try await terminal.waitForScreen("goto what-is-gather") { $0.text.contains("› goto what-is-gather") }
      let mark = terminal.mark()
      try terminal.write("\u{03}")
      try await terminal.waitFor("› ", after: mark)
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    @Test func aCorruptProgressFileGivesAWarningABackupAndAWorkingPrompt() async throws {
      try Data("{ this is not json".utf8).write(to: home.appending(path: "progress.json"))
      let terminal = try start()
      let shown = try await terminal.waitFor("gatherlab 1/3 what-is-gather 1/")
      #expect(stripANSI(shown).contains("is not valid progress data; kept it as"))
      #expect(FileManager.default.fileExists(atPath: home.appending(path: "progress.json.bak").path))
      try terminal.write("next\r")
      try await terminal.waitFor("gatherlab 2/3")
      try terminal.write("\u{04}")
      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(savedProgress?["current"] as? String == "results-order")
    }

    @Test func historyIsKeptAcrossSessions() async throws {
      let first = try start()
      try await first.waitFor("› ")
      try first.write("demos\r")
      try await first.waitFor("first-completed")
      try first.write("quit\r")
      _ = try await first.waitForExit()

      let second = try start()
      try await second.waitFor("› ")
      let mark = second.mark()
      try second.write("\u{1B}[A")  // arrow up: the previous session's last command
      try await second.waitFor("quit", after: mark)
      try second.write("\u{15}quit\r")
      #expect(try await second.waitForExit() == .exited(0))
    }

    @Test func theBundledCourseInANarrowTerminalStillGetsAWorkingPrompt() async throws {
      let terminal = try startOnTheBundledCourse(columns: 40)
      try await terminal.waitFor("[y/N] ")  // the first start's one question, wrapped at 40 columns
      try terminal.write("n")  // one key answers it
      try await terminal.waitFor("› ")
      #expect(terminal.screen.lines.allSatisfy { $0.count <= 40 })
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }
}

extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughPipedTests {
    let home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
    let course: TemporaryDirectory

    init() throws {
      course = try TemporaryDirectory(files: LessonFixtures.validCourse)
    }

    /// gatherlab on the fixture course, piped, with `input` on its standard input.
    func session(_ arguments: [String] = [], input: String, home: URL? = nil) async throws -> ProcessResult {
      try await GatherlabProcess(
        ["--lessons", course.path] + arguments,
        environment: ["GATHERLAB_HOME": (home ?? self.home).path],
        standardInput: input
      ).run()
    }

    /// Times vary from run to run on the real clock: " 1.02s" becomes " #.##s", "2.0×" "#.#×".
    /// Tasks started in the same instant log `started` in whatever order the scheduler ran them,
    /// so each run of `started` lines is sorted; every other line keeps its place.
    func masked(_ text: String) -> String {
      var lines = text.replacing(/\d+\.\d\ds/) { _ in "#.##s" }.replacing(/\d+\.\d×/) { _ in "#.#×" }
        .components(separatedBy: "\n")
      var start = 0
      while start < lines.count {
        var end = start
        while end < lines.count, lines[end].hasSuffix("  started") { end += 1 }
        if end > start { lines[start..<end].sort() }
        start = end + 1
      }
      return lines.joined(separator: "\n")
    }

    @Test func aScriptedClassPrintsEachCommandsOutputInOrderWithNoPromptOrEscapes() async throws {
      // At speed 1: the summary's "as long as the slowest task" needs gather's return within
      // 20 ms (nominal) of the last finish, which a loaded machine misses when time runs 10×.
      let result = try await session(["--speed", "1"], input: "next\nrun\nquit\n")
      #expect(result.status == .exited(0))
      #expect(result.standardError == "")
      #expect(masked(result.standardOutput) == """
        Welcome to gatherlab: 3 short lessons on asyncio.gather() and structured
        concurrency.
        Type 'help' for the commands; an empty line goes to the next lesson.

        Lesson 1/3 · what-is-gather · guide: What is asyncio.gather()?

        What gather is
        ══════════════

        Gather runs awaitables concurrently.

        ╭─ python ───
        │ print("hi")
        ╰────────────

        ╭─ output ───
        ┊ hi
        ╰────────────

        ╭─ python · fragment ─────────────────────
        │ results = await asyncio.gather(a(), b())
        ╰─────────────────────────────────────────

        ╭─ swift · invalid ───
        │ let x: Int = "no"
        ╰─────────────────────

        ▸ 'run' runs sequential count=3 delay=0.5 · 'code' shows its source · Enter
          goes on to lesson 2

        Lesson 2/3 · results-order · guide: Results Order

        Results come back in order
        ══════════════════════════

        Results are in argument order.

        ╭─ swift · fragment ─────────────────
        │ let values = try await gather(a, b)
        ╰────────────────────────────────────

        ▸ 'run' runs ordering delays=3,1,2 · 'code' shows its source · Enter goes on
          to lesson 3

        ordering · delays=3,1,2
         #.##s  [0] A  started
         #.##s  [1] B  started
         #.##s  [2] C  started
         #.##s  [1] B  finished 1st  "B"
         #.##s  [2] C  finished 2nd  "C"
         #.##s  [0] A  finished 3rd  "A"
         #.##s  ▲      gather returned: ["A", "B", "C"]

        Summary
        outcome     returned
        elapsed     #.##s (ideal #.##s)
        sequential  #.##s if awaited one by one
        speedup     #.#×
        received    ["A", "B", "C"]
        finished    [0] A 3rd, [1] B 1st, [2] C 2nd

        They finished B, C, A ([0] A came 3rd), yet the results are in argument order:
        A, B, C.
        gather took as long as the slowest task (#.##s), not as long as all of them one
        after another (#.##s).

        """)
      #expect(!result.standardOutput.contains("\u{1B}"))
    }

    @Test func endOfInputSavesProgressAndExitsZero() async throws {
      let result = try await session(input: "next\nnext\n")
      #expect(result.status == .exited(0))
      let data = try #require(FileManager.default.contents(atPath: home.appending(path: "progress.json").path))
      let progress = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(progress["current"] as? String == "conclusion")
      #expect(progress["completed"] as? [String] == ["what-is-gather", "results-order"])
      #expect(progress["version"] as? Int == 3)
    }

    @Test func binaryGarbageOnStandardInputIsRefusedLineByLineWithoutACrash() async throws {
      var garbage = Array("list\n".utf8) + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) } + Array("\nquit\n".utf8)
      garbage.removeAll { $0 == 0x0A && Bool.random() }
      var process = try GatherlabProcess(["--lessons", course.path], environment: ["GATHERLAB_HOME": home.path])
      process.standardInput = garbage
      let result = try await process.run()
      #expect(result.status == .exited(0))
      #expect(result.standardOutput.contains("Unknown command"))
    }

    @Test func aReadOnlyStateDirectoryWarnsOnceAndTheTutorialWorks() async throws {
      // A file where the state directory should be: nothing can be saved under it, even as root.
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
      let blocked = home.appending(path: "state")
      try Data("not a directory".utf8).write(to: blocked)
      let result = try await session(input: "next\nnext\nquit\n", home: blocked)
      #expect(result.status == .exited(0))
      #expect(result.standardError.components(separatedBy: "\n").filter { $0.hasPrefix("Warning: Could not save progress") }.count == 1)
      #expect(result.standardOutput.contains("Lesson 3/3 · conclusion"))
    }

    @Test func anUnknownStartingLessonIsAUsageError() async throws {
      let result = try await session(["--from", "resluts"], input: "")
      #expect(result.status == .exited(64))
      #expect(result.standardError == """
        Error: Unknown lesson 'resluts'. Did you mean 'results-order'? Lessons are numbered 1–3; 'list' shows their ids.

        """)
    }
  }
}
