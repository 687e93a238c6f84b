import Foundation
import Testing
import TestSupport

/// `gatherlab exercise` in a pseudo-terminal, as a learner uses it: the starter is written, a
/// save checks it again, `h` shows a hint, `q` leaves the terminal as it was.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the exercise loop's end-to-end test is skipped"),
    .timeLimit(.minutes(2))
  )
  struct ExerciseWatchTests {
    @Test func aSaveIsCheckedAgainAndHAndQWork() async throws {
      let home = try TemporaryDirectory()
      let workspace = home.path + "/ws"
      let binary = try GatherlabBinary.url.path
      // stty after gatherlab shows whether the terminal was restored (canonical mode, echo).
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "'\(binary)' exercise missing-await --workspace '\(workspace)'; echo EXIT=$?; stty -a"],
        environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"], rows: 40, columns: 80
      )
      let file = workspace + "/12-missing-await.py"
      _ = try await terminal.waitFor("Save to check again", timeout: .seconds(30))
      #expect(FileManager.default.fileExists(atPath: file))
      #expect(terminal.output.contains("✗ Python warned: RuntimeWarning: coroutine 'send_welcome_email' was never"))

      // The learner's editor saves the fixed file: checked again without a key.
      let saved = terminal.mark()
      let solution = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Exercises/12-missing-await/solution.py")
      try String(contentsOf: solution, encoding: .utf8).write(toFile: file, atomically: true, encoding: .utf8)
      _ = try await terminal.waitFor("Your file: \(file)", after: saved, timeout: .seconds(5))
      _ = try await terminal.waitFor("All 2 checks hold: exercise missing-await is done.", after: saved, timeout: .seconds(30))

      let hinted = terminal.mark()
      try terminal.write("h")
      _ = try await terminal.waitFor("Hint 1/3: Calling an `async def` function makes a coroutine object;", after: hinted)

      try terminal.write("q")
      let after = try await terminal.waitFor("EXIT=0", timeout: .seconds(10))
      _ = after
      // The local-modes line of stty -a (its first lines come before it).
      _ = try await terminal.waitFor("iexten", after: nil, timeout: .seconds(10))
      let settings = terminal.output.components(separatedBy: "EXIT=0").last ?? ""
      #expect(settings.contains(" icanon") && !settings.contains("-icanon"))
      #expect(settings.contains(" echo ") && !settings.contains("-echo "))
      let progress = try String(contentsOfFile: home.path + "/progress.json", encoding: .utf8)
      #expect(progress.contains(#""missing-await":{"at":"#))
      #expect(progress.contains(#""attempts":2,"passed":true"#))
    }
  
    /// Seen at 40 columns: the keys line was not wrapped, and the terminal cut it mid-word
    /// ("s solutio" / "n · r reset").
    @Test func theKeysLineIsWrappedAtFortyColumns() async throws {
      let home = try TemporaryDirectory()
      let binary = try GatherlabBinary.url.path
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "'\(binary)' exercise missing-await --workspace '\(home.path)/ws'; echo EXIT=$?"],
        environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"], rows: 40, columns: 40
      )
      let started = try await terminal.waitFor("q quit", timeout: .seconds(30))
      let text = stripANSI(started).replacingOccurrences(of: "\r", with: "")
      #expect(text.contains("Save to check again · h hint · s\nsolution · r reset · q quit"), "\(text.suffix(300))")
      try terminal.write("q")
      _ = try await terminal.waitFor("EXIT=", timeout: .seconds(10))
    }
}
}
