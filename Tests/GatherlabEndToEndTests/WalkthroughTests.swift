import Foundation
import Testing

/// The walkthrough as a person uses it, in a pseudo-terminal, and as a teacher scripts it, piped.
/// Each test has its own state directory (`GATHERLAB_HOME`).
extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughTerminalTests {
    let home: URL

    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// A terminal tall enough that no part of the bundled lessons stops at a "more" marker (the
    /// parts reader has its own tests, on a fixture course).
    func start(_ arguments: [String] = [], columns: Int = 80) throws -> PseudoTerminal {
      try PseudoTerminal.gatherlab(arguments, environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: columns)
    }

    var savedProgress: [String: Any]? {
      guard let data = FileManager.default.contents(atPath: home.appending(path: "progress.json").path) else { return nil }
      return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    @Test func aLearnerMovesOnRunsADemoQuitsAndComesBackToTheSamePlace() async throws {
      let terminal = try start()
      try await terminal.waitFor("gatherlab 1/13 what-is-gather 1/")
      var mark = terminal.mark()
      try terminal.write("next\r")
      try await terminal.waitFor("gatherlab 2/13 sequential-vs-concurrent 1/", after: mark)

      mark = terminal.mark()
      try terminal.write("list\r")
      let listed = try await terminal.waitFor("13  conclusion", after: mark)
      #expect(stripANSI(listed).contains("✓  1  what-is-gather"))
      #expect(stripANSI(listed).contains("▸  2  sequential-vs-concurrent"))

      mark = terminal.mark()
      try terminal.write("speed 50\r")
      try await terminal.waitFor("Demos will run at speed 50×.", after: mark)
      mark = terminal.mark()
      try terminal.write("run\r")
      try await terminal.waitFor("finished    [0] A", after: mark)
      let ran = try await terminal.waitFor("gatherlab 2/13 sequential-vs-concurrent 1/", after: mark)
      #expect(stripANSI(ran).contains("outcome     returned"))
      #expect(stripANSI(ran).contains("speedup     "))
      #expect(terminal.screen.cursorVisible)

      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(savedProgress?["current"] as? String == "sequential-vs-concurrent")
      #expect(savedProgress?["completed"] as? [String] == ["what-is-gather"])
      #expect(savedProgress?["speed"] as? Double == 50)

      let again = try start()
      let resumed = try await again.waitFor("gatherlab 2/13 sequential-vs-concurrent 1/")
      #expect(stripANSI(resumed).hasPrefix("Resuming at 2/13 sequential-vs-concurrent; 'restart' starts over."))
      try again.write("\u{04}")
      #expect(try await again.waitForExit() == .exited(0))
    }

    @Test func ctrlCDuringASlowDemoStopsItAndReturnsToThePrompt() async throws {
      let terminal = try start(["--from", "12", "--speed", "1"])
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
      try terminal.write("goto 12")
      try terminal.write("\u{03}")
      let mark = terminal.mark()
      try terminal.write("next\r")
      // Had the line survived, "goto 12next" would be an unknown lesson and lesson 1 would stay.
      try await terminal.waitFor("gatherlab 2/13", after: mark)
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
      let shown = try await terminal.waitFor("gatherlab 1/13 what-is-gather 1/")
      #expect(stripANSI(shown).contains("is not valid progress data; kept it as"))
      #expect(FileManager.default.fileExists(atPath: home.appending(path: "progress.json.bak").path))
      try terminal.write("next\r")
      try await terminal.waitFor("gatherlab 2/13")
      try terminal.write("\u{04}")
      #expect(try await terminal.waitForExit() == .exited(0))
      #expect(savedProgress?["current"] as? String == "sequential-vs-concurrent")
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

    @Test func aNarrowTerminalStillGetsAWorkingPrompt() async throws {
      let terminal = try start(columns: 40)
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

    /// `gatherlab show N --no-color` as a piped session prints it.
    func lesson(_ number: Int) async throws -> String {
      let result = try await GatherlabProcess(["show", String(number), "--no-color"]).run()
      return result.standardOutput
    }

    /// Times vary from run to run: " 1.02s" becomes " #.##s". Tasks that end together on the real
    /// clock may end in either order, so the `end order` names are sorted.
    func masked(_ text: String) -> String {
      text.replacing(/\d+\.\d\ds/) { _ in "#.##s" }.replacing(/\d+\.\d×/) { _ in "#.#×" }
        .replacing(/end order   (.*)/) { match in
          "end order   " + match.output.1.components(separatedBy: ", ").sorted().joined(separator: ", ")
        }
    }

    @Test func aScriptedClassPrintsEachCommandsOutputInOrderWithNoPromptOrEscapes() async throws {
      let result = try await GatherlabProcess(
        ["--speed", "50"],
        environment: ["GATHERLAB_HOME": home.path],
        standardInput: "next\nrun\nquit\n"
      ).run()
      #expect(result.status == .exited(0))
      #expect(result.standardError == "")
      let lesson1 = try await lesson(1)
      let lesson2 = try await lesson(2)
      let expected = """
        Welcome to gatherlab: 13 short lessons on asyncio.gather() and structured
        concurrency.
        Type 'help' for the commands; an empty line goes to the next lesson.

        \(lesson1)
        ▸ 'run' runs ordering · 'code' shows its source · Enter goes on to lesson 2

        \(lesson2)
        ▸ 'run' runs sequential count=3 delay=1 · 'code' shows its source · Enter
          goes on to lesson 3

        sequential · count=3 · delay=1 · speed 50×
        phase 1: one by one
         #.##s  [0] A  started
         #.##s  [0] A  finished 1st  "Data from api.example.com/user/1"
         #.##s  [1] B  started
         #.##s  [1] B  finished 2nd  "Data from api.example.com/user/2"
         #.##s  [2] C  started
         #.##s  [2] C  finished 3rd  "Data from api.example.com/user/3"
         #.##s  ▲      all awaited: ["Data from api.example.com/user/1", "Data from api.example.com/user/2", "Data from api.example.com/user/3"]
        phase 2: gathered
        """
      let output = masked(result.standardOutput)
      #expect(output.hasPrefix(expected), "got:\n\(output)")
      // The gathered tasks end within a millisecond of each other, in either order: their ranks
      // in the summary's fate line are masked.
      let ranksMasked = output.replacing(/\] ([ABC]) \d(st|nd|rd)/) { "] \($0.output.1) #" }
      #expect(ranksMasked.hasSuffix("""
        Summary
        outcome     returned
        one by one  #.##s
        gathered    #.##s (ideal #.##s)
        speedup     #.#×
        received    ["Data from api.example.com/user/1", "Data from
                    api.example.com/user/2", "Data from api.example.com/user/3"]
        finished    [0] A #, [1] B #, [2] C #

        One by one, each fetch waited for the one before it: #.##s. Gathered, they
        waited together: #.##s, #.#× faster.

        """), "got:\n\(output)")
      #expect(!result.standardOutput.contains("\u{1B}"))
      #expect(!result.standardOutput.contains("gatherlab 1/13"))
    }

    @Test func endOfInputSavesProgressAndExitsZero() async throws {
      let result = try await GatherlabProcess(
        [], environment: ["GATHERLAB_HOME": home.path], standardInput: "next\nnext\n"
      ).run()
      #expect(result.status == .exited(0))
      let data = try #require(FileManager.default.contents(atPath: home.appending(path: "progress.json").path))
      let progress = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(progress["current"] as? String == "how-it-works")
      #expect(progress["completed"] as? [String] == ["what-is-gather", "sequential-vs-concurrent"])
      #expect(progress["version"] as? Int == 2)
    }

    @Test func binaryGarbageOnStandardInputIsRefusedLineByLineWithoutACrash() async throws {
      var garbage = Array("list\n".utf8) + (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) } + Array("\nquit\n".utf8)
      garbage.removeAll { $0 == 0x0A && Bool.random() }
      var process = try GatherlabProcess([], environment: ["GATHERLAB_HOME": home.path])
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
      let result = try await GatherlabProcess(
        [], environment: ["GATHERLAB_HOME": blocked.path], standardInput: "next\nnext\nquit\n"
      ).run()
      #expect(result.status == .exited(0))
      #expect(result.standardError.components(separatedBy: "\n").filter { $0.hasPrefix("Warning: Could not save progress") }.count == 1)
      #expect(result.standardOutput.contains("Lesson 3/13"))
    }

    @Test func anUnknownStartingLessonIsAUsageError() async throws {
      let result = try await GatherlabProcess(["--from", "resluts"], environment: ["GATHERLAB_HOME": home.path]).run()
      #expect(result.status == .exited(64))
      #expect(result.standardError.hasPrefix("Error: Unknown lesson 'resluts'. Did you mean 'results-order'?"))
    }
  }
}
