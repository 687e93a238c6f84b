import Foundation
import Testing
import TestSupport

/// `check`, `exercise` (piped) and `exercises` through the built binary, with real CPython on
/// the real clock: structure is compared, not instants.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the exercise commands' end-to-end tests are skipped"),
    .timeLimit(.minutes(3))
  )
  struct CheckCommandTests {
    static let exercises = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appending(path: "Exercises")

    static func file(_ exercise: String, _ name: String) -> String {
      exercises.appending(path: exercise).appending(path: name).path
    }

    func check(_ arguments: [String], home: TemporaryDirectory, input: String = "") async throws -> ProcessResult {
      try await GatherlabProcess(["check"] + arguments, environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"], standardInput: input, timeout: .seconds(60)).run()
    }

    @Test func aSolutionPassesEveryCheckAndExitsZero() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["checkout-receipt", Self.file("05-checkout-receipt", "solution.py")], home: home)
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      #expect(result.standardOutput == """
        Exercise 05 checkout-receipt · solution.py
        ✓ no task ran on after its gather raised
        ✓ the program exited with status 0; the exercise asks for 0
        ✓ the output is the 2 lines asked for
        ✓ send_receipt was cancelled 0 s after the first failure (within 0.1 s)

        All 4 checks hold: exercise checkout-receipt is done. Next: gatherlab exercise
        settle-results

        """)
      let progress = try String(contentsOfFile: home.path + "/progress.json", encoding: .utf8)
      #expect(progress.contains(#""exercises":{"checkout-receipt":{"at":"#))
      #expect(progress.contains(#""attempts":1,"passed":true}"#))
    }

    @Test func theStarterFailsWithTheMarkedTimelineAndAHint() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["5", Self.file("05-checkout-receipt", "starter.py")], home: home)
      #expect(result.status == .exited(1))
      let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(lines.first == "Exercise 05 checkout-receipt · starter.py")
      #expect(lines.contains("✗ the program printed 3 lines, 1 more than asked for: 'receipt sent'"))
      // Instants are on the real clock: "2 s" or "2.01 s" under load.
      #expect(lines.contains { $0.hasPrefix("✗ send_receipt() finished at 2") && $0.hasSuffix(" s: it was never cancelled") })
      #expect(lines.contains { $0.hasPrefix("▶ [3] send_receipt()") })
      #expect(lines.contains { $0.contains("▲ ▶ orphans") })
      #expect(lines.contains("3 of 4 checks failed."))
      #expect(lines.contains { $0.hasPrefix("Hint 1/3: `gather` raises the first error") })
    }

    @Test func jsonGivesEachChecksVerdictMeasuredValueAndBound() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["fetch-together", Self.file("01-fetch-together", "starter.py"), "--json"], home: home)
      #expect(result.status == .exited(1))
      let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
      #expect(object["exercise"] as? String == "fetch-together")
      #expect(object["passed"] as? Bool == false)
      let checks = try #require(object["checks"] as? [[String: Any]])
      #expect(checks.map { $0["name"] as? String } == ["elapsed", "running", "output"])
      #expect(checks.map { $0["passed"] as? Bool } == [false, false, true])
      #expect(checks[1]["measured"] as? Int == 0)
      #expect(checks[1]["bound"] as? String == ">= 3")
      #expect((checks[0]["measured"] as? Double ?? 0) > 2)
    }

    @Test func aSyntaxErrorIsOneSentenceWithItsLine() async throws {
      let home = try TemporaryDirectory(files: ["broken.py": "import asyncio\n\nasync def main(:\n    pass\n"])
      let result = try await check(["fetch-together", home.path + "/broken.py"], home: home)
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("✗ broken.py is not valid Python at line 3: SyntaxError: "))
      #expect(!result.standardOutput.contains("✓"))
    }

    @Test func aProgramReadingStdinIsToldExercisesTakeNoInput() async throws {
      let home = try TemporaryDirectory(files: ["reader.py": "import asyncio, sys\n\nasync def main():\n    print(sys.stdin.read() or 'nothing')\n\nasyncio.run(main())\n"])
      let result = try await check(["fetch-together", home.path + "/reader.py"], home: home, input: "typed\n")
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("✗ the program read from stdin; exercises take no input."))
      #expect(result.standardOutput.contains("output line 1 is 'nothing'"))
    }

    @Test func aHangIsStoppedAfterTenSecondsWithNothingLeftBehind() async throws {
      let home = try TemporaryDirectory(files: ["hang.py": "import asyncio\n\nasync def main():\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n"])
      let result = try await check(["fetch-together", home.path + "/hang.py"], home: home)
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("✗ the program was still running after 10 s and was stopped: does something wait\n  forever?"))
      #expect(result.standardOutput.contains("✗ main() had not returned after 10 s; the exercise asks for at most 1.3 s"))
      let left = try await GatherlabProcess(executable: URL(fileURLWithPath: "/usr/bin/pgrep"), ["-f", home.path + "/hang.py"]).run()
      #expect(left.standardOutput.isEmpty)
    }

    @Test func anUnreadableFileExits66AndAnUnknownExercise64() async throws {
      let home = try TemporaryDirectory()
      let missing = try await check(["fetch-together", home.path + "/nope.py"], home: home)
      #expect(missing.status == .exited(66))
      #expect(missing.standardError == "Error: Cannot read '\(home.path)/nope.py'. Start the exercise with 'gatherlab exercise fetch-together', which writes it.\n")
      let unknown = try await check(["fetch-togther"], home: home)
      #expect(unknown.status == .exited(64))
      #expect(unknown.standardError == "Error: Unknown exercise 'fetch-togther'. Did you mean 'fetch-together'?\n")
    }

    @Test func pipedExerciseWritesTheStarterChecksOnceAndKeepsAnEditedFile() async throws {
      let home = try TemporaryDirectory()
      let workspace = home.path + "/ws"
      let first = try await GatherlabProcess(
        ["exercise", "missing-await", "--workspace", workspace], environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"], timeout: .seconds(60)
      ).run()
      #expect(first.status == .exited(1))
      #expect(first.standardOutput.hasPrefix("Exercise 12: The welcome email that never went out\nWrote the starter to \(workspace)/12-missing-await.py\n"))
      #expect(first.standardOutput.contains("✗ Python warned: RuntimeWarning: coroutine 'send_welcome_email' was never\n  awaited\n"))
      let solution = try String(contentsOfFile: Self.file("12-missing-await", "solution.py"), encoding: .utf8)
      try solution.write(toFile: workspace + "/12-missing-await.py", atomically: true, encoding: .utf8)
      let second = try await GatherlabProcess(
        ["exercise", "12", "--workspace", workspace], environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"], timeout: .seconds(60)
      ).run()
      #expect(second.status == .exited(0), "\(second.standardOutput)")
      #expect(second.standardOutput.contains("Your file: \(workspace)/12-missing-await.py\n"))
      #expect(try String(contentsOfFile: workspace + "/12-missing-await.py", encoding: .utf8) == solution)
      let list = try await GatherlabProcess(["exercises", "--workspace", workspace], environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"]).run()
      #expect(list.standardOutput.contains("✓ 12 missing-await "))
      #expect(list.standardOutput.contains("· 01 fetch-together "))
      #expect(list.standardOutput.hasPrefix("Exercises · 1 of "))
    }
  }
}
