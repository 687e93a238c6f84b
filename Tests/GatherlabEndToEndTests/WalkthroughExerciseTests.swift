import Foundation
import Testing
import TestSupport

/// A lesson's exercise part in the walkthrough, in a pseudo-terminal, as a learner goes through it
/// (issue 22): `exercise` writes the starter into the workspace, `hint` gives the hints in turn,
/// `solution` asks first and never touches the file, the learner's edit passes `check`, and
/// leaving gives the terminal back as it was. Its own HOME, state directory and workspace.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the walkthrough's exercise test is skipped"),
    .timeLimit(.minutes(3))
  )
  struct WalkthroughExerciseTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()

    @Test func theExercisePartWritesTheFileHintsAsksBeforeTheSolutionAndChecksTheEdit() async throws {
      let home = try TemporaryDirectory()
      let workspace = home.path + "/ws"
      let file = workspace + "/01-fetch-together.py"
      let binary = try GatherlabBinary.url.path
      // stty after gatherlab shows whether the terminal was given back (canonical mode, echo).
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "'\(binary)' --from 3 --no-swift; echo EXIT=$?; stty -a"],
        environment: ["HOME": home.path, "GATHERLAB_HOME": home.path + "/state", "GATHERLAB_WORKSPACE": workspace, "NO_COLOR": "1"],
        rows: 200, columns: 80
      )
      try await terminal.waitFor("how-it-works 1/", timeout: .seconds(30))

      // From lesson 3's first part, back is lesson 2's last part: its exercise.
      var mark = terminal.mark()
      try terminal.write("back\r")
      let part = try await terminal.waitFor("Enter goes on.", after: mark)
      #expect(stripANSI(part).contains("Exercise: Fetch the dashboard's panels at once"))
      #expect(stripANSI(part).contains(file))
      #expect(!FileManager.default.fileExists(atPath: file))

      // check before exercise: the prompt's word to type, not a shell command.
      mark = terminal.mark()
      try terminal.write("check\r")
      let early = try await terminal.waitFor("then check\r\nit.", after: mark)
      #expect(stripANSI(early).contains("› check\r\nIts file is not written yet: type 'exercise' to write the starter, then check\r\nit.\r\n"))
      #expect(!FileManager.default.fileExists(atPath: file))

      // exercise: the starter is written, checked, and fails; r asks before resetting, q comes back.
      mark = terminal.mark()
      try terminal.write("exercise\r")
      let started = try await terminal.waitFor("Save to check again", after: mark, timeout: .seconds(60))
      #expect(stripANSI(started).contains("Wrote the starter to \(file)"))
      let starter = try String(contentsOf: Self.repository.appending(path: "Exercises/01-fetch-together/starter.py"), encoding: .utf8)
      #expect(try String(contentsOfFile: file, encoding: .utf8) == starter)
      #expect(stripANSI(started).contains("✗ 0 tasks ran at once at most; the exercise asks for at least 3"))
      mark = terminal.mark()
      try terminal.write("r")
      try await terminal.waitFor("losing your changes? (y/N)", after: mark)
      try terminal.write("n")
      try await terminal.waitFor("Kept your file.", after: mark)
      #expect(try String(contentsOfFile: file, encoding: .utf8) == starter)
      mark = terminal.mark()
      try terminal.write("q")
      try await terminal.waitFor("Back at the walkthrough: 'check' checks your file again, Enter goes on.", after: mark)
      try await terminal.waitFor("sequential-vs-concurrent ", after: mark)

      // hint: the next hint each time, after the one the failed check showed (hint 1).
      #expect(stripANSI(started).contains("Hint 1/3: Each `await fetch(...)` waits for that fetch to end before"))
      mark = terminal.mark()
      try terminal.write("hint\r")
      try await terminal.waitFor("Hint 2/3: `asyncio.gather(a, b, c)` runs its awaitables at the same time", after: mark)
      mark = terminal.mark()
      try terminal.write("hint\r")
      try await terminal.waitFor("Hint 3/3: `profile, orders, messages = await asyncio.gather(", after: mark)

      // solution: asks first; no shows nothing, yes shows it; the file stays the learner's.
      mark = terminal.mark()
      try terminal.write("solution\r")
      try await terminal.waitFor("Show the solution before it passes? Trying first teaches more. [y/N]", after: mark)
      try terminal.write("n\r")
      let refused = try await terminal.waitFor("Not shown.", after: mark)
      #expect(!stripANSI(String(refused.suffix(400))).contains("solution.py"))
      mark = terminal.mark()
      try terminal.write("solution\r")
      try await terminal.waitFor("[y/N]", after: mark)
      try terminal.write("y\r")
      try await terminal.waitFor("asyncio.gather(", after: mark)
      #expect(try String(contentsOfFile: file, encoding: .utf8) == starter, "the solution is shown, never written over the file")

      // The learner edits the file to a solution: check passes.
      let solution = try String(contentsOf: Self.repository.appending(path: "Exercises/01-fetch-together/solution.py"), encoding: .utf8)
      try solution.write(toFile: file, atomically: true, encoding: .utf8)
      mark = terminal.mark()
      let before = terminal.output.utf8.count
      try terminal.write("check\r")
      let checked = try await terminal.waitFor("checks hold: exercise fetch-together is done.", after: mark, timeout: .seconds(60))
      let report = stripANSI(String(decoding: Array(checked.utf8).dropFirst(before), as: UTF8.self))
      #expect(report.contains("✓ 3 tasks ran at once at most; the exercise asks for at least 3"))
      #expect(report.contains("✓ the output is the 3 lines asked for"))
      #expect(report.contains("✓ main() returned after "))

      mark = terminal.mark()
      try terminal.write("quit\r")
      try await terminal.waitFor("EXIT=0", after: mark, timeout: .seconds(10))
      // The local-modes line of stty -a (its first lines come before it).
      try await terminal.waitFor("iexten", after: mark, timeout: .seconds(10))
      let settings = terminal.output.components(separatedBy: "EXIT=0").last ?? ""
      #expect(settings.contains(" icanon") && !settings.contains("-icanon"))
      #expect(settings.contains(" echo ") && !settings.contains("-echo "))
      let progress = try String(contentsOfFile: home.path + "/state/progress.json", encoding: .utf8)
      #expect(progress.contains(#""fetch-together":{"#))
      #expect(progress.contains(#""passed":true"#))
    }

    /// Lesson 8 has two exercises: a part each at its end, and `check` and `hint` act on the
    /// exercise of the part being read.
    @Test func aLessonWithTwoExercisesShowsBothAndCheckActsOnThePartsOwn() async throws {
      let home = try TemporaryDirectory()
      let workspace = home.path + "/ws"
      let binary = try GatherlabBinary.url.path
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: binary), arguments: ["--from", "9", "--no-swift"],
        environment: ["HOME": home.path, "GATHERLAB_HOME": home.path + "/state", "GATHERLAB_WORKSPACE": workspace, "NO_COLOR": "1"],
        rows: 200, columns: 80
      )
      try await terminal.waitFor("limiting-concurrency 1/", timeout: .seconds(30))

      // Back from lesson 9 is lesson 8's last part: its second exercise, then its first.
      var mark = terminal.mark()
      try terminal.write("back\r")
      let second = stripANSI(try await terminal.waitFor("gather-vs-wait 10/10 ›", after: mark))
      #expect(second.contains("Exercise 2 of 2: Every error, and every result, out of a TaskGroup"))
      #expect(second.contains(workspace + "/08-group-errors.py"))
      mark = terminal.mark()
      try terminal.write("back\r")
      let first = stripANSI(try await terminal.waitFor("gather-vs-wait 9/10 ›", after: mark))
      #expect(first.contains("Exercise 1 of 2: Take the fastest mirror, stop the others"))
      #expect(first.contains(workspace + "/07-fastest-mirror.py"))
      #expect(!first.contains("Enter goes on to lesson 9"), "Enter goes to the second exercise")

      // The first exercise's solution in its file: check checks that one.
      let solution = try String(contentsOf: Self.repository.appending(path: "Exercises/07-fastest-mirror/solution.py"), encoding: .utf8)
      try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
      try solution.write(toFile: workspace + "/07-fastest-mirror.py", atomically: true, encoding: .utf8)
      mark = terminal.mark()
      try terminal.write("check\r")
      try await terminal.waitFor("checks hold: exercise fastest-mirror is done.", after: mark, timeout: .seconds(90))

      // Enter: the second exercise; its hint is its own.
      mark = terminal.mark()
      try terminal.write("\r")
      try await terminal.waitFor("gather-vs-wait 10/10 ›", after: mark)
      mark = terminal.mark()
      try terminal.write("hint\r")
      try await terminal.waitFor("Hint 1/3: A TaskGroup raises an `ExceptionGroup` holding every error", after: mark)

      mark = terminal.mark()
      try terminal.write("quit\r")
      try await terminal.waitFor("Progress saved.", after: mark, timeout: .seconds(10))
      let progress = try String(contentsOfFile: home.path + "/state/progress.json", encoding: .utf8)
      #expect(progress.contains(#""fastest-mirror":{"#))
      #expect(!progress.contains(#""group-errors""#))
    }
  }
}
