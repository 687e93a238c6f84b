import Foundation
import Testing
import TestSupport

/// `check`, `exercise` (piped) and `exercises` through the built binary, with real CPython on
/// virtual time (the default): instants are exact, so whole outputs are compared; `--clock real`
/// only where the real clock is the point.
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

    /// Seen at 40 columns: the heading ran past the edge and the terminal broke the file name
    /// ("02-start-early" / ".py").
    @Test func atFortyColumnsTheHeadingWrapsAtAWord() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["2", Self.file("02-start-early", "solution.py"), "--width", "40"], home: home)
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      #expect(result.standardOutput == """
        Exercise 02 start-early · solution.py
        ✓ main() returned after 1 s; the
          exercise asks for at most 1.3 s
        ✓ 2 tasks ran at once at most; the
          exercise asks for at least 2
        ✓ the output is the 2 lines asked for

        All 3 checks hold: exercise start-early
        is done. Next: gatherlab exercise
        crawl-list

        """)
      let named = try await check(["2", Self.file("02-start-early", "alternatives/gather_all_three.py"), "--width", "40"], home: home)
      #expect(named.standardOutput.hasPrefix("Exercise 02 start-early ·\ngather_all_three.py\n✓ "))
    }

    @Test func theStarterFailsWithTheMarkedTimelineAndAHint() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["5", Self.file("05-checkout-receipt", "starter.py")], home: home)
      #expect(result.status == .exited(1))
      #expect(result.standardOutput == """
        Exercise 05 checkout-receipt · starter.py
        ✗ send_receipt() ran on after its gather raised at 1 s; the exercise asks for
          no orphans
        ✓ the program exited with status 0; the exercise asks for 0
        ✗ the program printed 3 lines, 1 more than asked for: 'receipt sent'
        ✗ send_receipt() finished at 2 s: it was never cancelled

        check · starter.py · CPython \(try Self.version())                                  done 2.50s
          [0] main()          ████████████████████████████       ✓ 4th "None"
          [1] reserve_stock() ██████     │                       ✓ 1st "None"
          [2] charge_card()   ███████████│                       ✗ 2nd CardDecl…eclined
        ▶ [3] send_receipt()  ████████████▒▒▒▒▒▒▒▒▒▒▒            ✓ 3rd "None" (lost)
                              0s         1s         2s         3s
                                         ▲ ▶ orphans 1.00s
        █ running  ░ waiting  ▒ orphan  ✓ done  ✗ failed  ⊘ cancelled

        3 of 4 checks failed.
        Hint 1/4: `gather` raises the first error to its caller, and leaves the other
        tasks running: the receipt still goes out a second later.

        """)
    }

    /// The version python3 reports, as the timeline's title names it (`3.11.7`).
    static func version() throws -> String {
      let python = try #require(PythonForTests.python3)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: python)
      process.arguments = ["-c", "import sys; print('.'.join(map(str, sys.version_info[:3])))"]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      process.waitUntilExit()
      return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func jsonGivesEachChecksVerdictMeasuredValueAndBound() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["fetch-together", Self.file("01-fetch-together", "starter.py"), "--json"], home: home)
      #expect(result.status == .exited(1))
      let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
      #expect(object["exercise"] as? String == "fetch-together")
      #expect(object["passed"] as? Bool == false)
      #expect(object["clock"] as? String == "virtual")
      #expect(object["seed"] as? Int == 0)
      #expect(object["schedules"] as? Int == 0)
      #expect(object["schedulesAsked"] as? Int == 0)
      #expect(object["failingSeed"] as? Int == 0)
      #expect(object["replay"] is NSNull)
      let checks = try #require(object["checks"] as? [[String: Any]])
      #expect(checks.map { $0["name"] as? String } == ["elapsed", "running", "output"])
      #expect(checks.map { $0["passed"] as? Bool } == [false, false, true])
      #expect(checks[1]["measured"] as? Int == 0)
      #expect(checks[1]["bound"] as? String == ">= 3")
      // Virtual time: the three fetches in a row take exactly 2.4 s.
      #expect(checks[0]["measured"] as? Double == 2.4)
      #expect(checks[0]["sentence"] as? String == "main() returned after 2.4 s; the exercise asks for at most 1.3 s")
    }

    /// The wrong version prints exactly the lines asked for on the unperturbed run (equally long
    /// fetches end in the order they started); seed 1 ends /blog before /about.
    @Test func aProgramRightOnlyByATieFailsOnTheSeedThatBreaksItWithItsReplay() async throws {
      let home = try TemporaryDirectory()
      let file = Self.file("03-crawl-list", "wrong/print_as_done.py")
      let plain = try await check(["crawl-list", file, "--schedules", "1"], home: home)
      #expect(plain.status == .exited(1))
      #expect(plain.standardOutput == """
        Exercise 03 crawl-list · print_as_done.py
        ✓ main() returned after 0.7 s; the exercise asks for at most 1 s
        ✓ 6 tasks ran at once at most; the exercise asks for at least 6
        ✓ the program created 6 tasks besides main(); the exercise asks for at least 6
        ✗ on seed 1: output line 2 is '/blog: 2048 bytes'; the exercise asks for
          '/about: 256 bytes'
        ✗ 1 of 1 perturbed schedules broke a check (seed 1): the program is right only
          when its timers fire in a lucky order

        check · print_as_done.py · seed 1 · CPython \(try Self.version())                   done 0.75s
        [0] main()            █████████████████████████████████████████    ✓ 7th "None"
        [1] fetch('/')        ██████████      │                            ✓ 1st "512"
        [2] fetch('/about')   █████████████████                            ✓ 3rd "256"
        [3] fetch('/blog')    ████████████████│                            ✓ 2nd "2048"
        [4] fetch('/contact') ████████████████████████████                 ✓ 4th "128"
        [5] fetch('/docs')    ███████████████████████████████████          ✓ 5th "4096"
        [6] fetch('/pricing') █████████████████████████████████████████    ✓ 6th "1024"
                              0s         0.2s       0.4s       0.6s      0.8s
                                              ▲ ▶ output 0.30s
        █ running  ░ waiting  ✓ done  ✗ failed  ⊘ cancelled

        Replay seed 1: gatherlab check crawl-list \(file) --seed 1
        Watch it: gatherlab trace \(file) --clock virtual --seed 1

        2 of 5 checks failed.
        Hint 4/4: Lines printed as each fetch ends follow the finish order, and fetches
        that take as long end in either order: print from gather's results, which keep
        the order of `PATHS`.

        """)
      // The exercise's own 20 schedules, as JSON: the first failing seed and its replay.
      let json = try await check(["crawl-list", file, "--json"], home: home)
      #expect(json.status == .exited(1))
      let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
      #expect(object["schedules"] as? Int == 20)
      #expect(object["schedulesAsked"] as? Int == 20)
      #expect(object["failingSeed"] as? Int == 1)
      #expect(object["seed"] as? Int == 1)
      #expect(object["replay"] as? String == "gatherlab check crawl-list \(file) --seed 1")
      let checks = try #require(object["checks"] as? [[String: Any]])
      #expect(checks.map { $0["name"] as? String } == ["elapsed", "running", "tasks", "output", "schedules"])
      #expect(checks.map { $0["passed"] as? Bool } == [true, true, true, false, false])
      #expect(checks.map { $0["seed"] as? Int } == [0, 0, 0, 1, 1])
      #expect(checks[4]["bound"] as? String == "20")
      // The replay runs seed 1 alone and fails the same way.
      let replay = try await check(["crawl-list", file, "--seed", "1"], home: home)
      #expect(replay.status == .exited(1))
      #expect(replay.standardOutput.contains("✗ on seed 1: output line 2 is '/blog: 2048 bytes'"))
      #expect(replay.standardOutput.contains("Seed 1 alone; without --seed the check runs seeds 1-20.\n"))
    }

    @Test func theSolutionHoldsOnEverySchedule() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["crawl-list", Self.file("03-crawl-list", "solution.py")], home: home)
      #expect(result.status == .exited(0), "\(result.standardOutput)")
      #expect(result.standardOutput == """
        Exercise 03 crawl-list · solution.py
        ✓ main() returned after 0.7 s; the exercise asks for at most 1 s
        ✓ 6 tasks ran at once at most; the exercise asks for at least 6
        ✓ the program created 6 tasks besides main(); the exercise asks for at least 6
        ✓ the output is the 7 lines asked for
        ✓ every check held on all 20 perturbed schedules (seeds 1-20) too

        All 5 checks hold: exercise crawl-list is done. Next: gatherlab exercise
        report-order

        """)
    }

    /// The solution with its sleeps a hundred times shorter (7 ms at most against the 1 s bound):
    /// on the real clock the solution's 0.7 s left a loaded machine only 0.3 s before its elapsed
    /// check failed. It must pass for the schedules to be the only thing left out, so the test
    /// still fails if the real clock runs them, or if the line is missing.
    @Test func onTheRealClockTheProgramRunsOnceAndALineSaysSo() async throws {
      let solution = try String(contentsOfFile: Self.file("03-crawl-list", "solution.py"), encoding: .utf8)
      let quick = solution.replacingOccurrences(of: "await asyncio.sleep(seconds)", with: "await asyncio.sleep(seconds / 100)")
      #expect(quick != solution)
      let home = try TemporaryDirectory(files: ["quick.py": quick])
      let result = try await check(["crawl-list", home.path + "/quick.py", "--clock", "real"], home: home)
      #expect(result.status == .exited(0), "\(result.standardOutput)")
      #expect(result.standardOutput.contains("""
        On the real clock the program ran once; the 20 perturbed schedules need virtual
        time (leave out --clock real).
        """))
      #expect(!result.standardOutput.contains("perturbed schedules (seeds"))
      let conflicting = try await check(["crawl-list", "--seed", "1", "--clock", "real"], home: home)
      #expect(conflicting.status == .exited(64))
      #expect(conflicting.standardError.hasPrefix("Error: --seed perturbs virtual time: leave out --clock real.\n"))
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

    /// A signal handler of the program's could still wake its loop: not stuck, so it is stopped
    /// at the real limit.
    @Test func aHangIsStoppedAfterTenSecondsWithNothingLeftBehind() async throws {
      let home = try TemporaryDirectory(files: [
        "hang.py": "import asyncio, signal\n\nasync def main():\n    asyncio.get_running_loop().add_signal_handler(signal.SIGUSR1, print)\n    await asyncio.Event().wait()\n\nasyncio.run(main())\n",
      ])
      let result = try await check(["fetch-together", home.path + "/hang.py"], home: home)
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("✗ the program was still running after 10 s and was stopped: does something wait\n  forever?"))
      #expect(result.standardOutput.contains("✗ main() had not returned after 10 s; the exercise asks for at most 1.3 s"))
      let left = try await GatherlabProcess(executable: URL(fileURLWithPath: "/usr/bin/pgrep"), ["-f", home.path + "/hang.py"]).run()
      #expect(left.standardOutput.isEmpty)
    }

    /// Every task waits on something nothing will set, and nothing outside the loop could wake
    /// it: the check ends the program at that instant of virtual time (not after 10 s of real
    /// time) and says what each task waited on, with the picture trace draws after Ctrl-C.
    @Test func aForgottenTaskDoneIsStuckAndToldAtOnceWithWhatEachTaskWaitsOn() async throws {
      let home = try TemporaryDirectory()
      let result = try await check(["worker-pool", Self.file("10-worker-pool", "wrong/forgot_task_done.py")], home: home)
      #expect(result.status == .exited(1), "stderr: \(result.standardError)")
      #expect(result.standardOutput == """
        Exercise 10 worker-pool · forgot_task_done.py
        ✗ the program never finished: every task was waiting and nothing could wake
          them (main() waits on Queue.join; 3 tasks of packer(<Queue>, <list of 0>)
          wait on Queue.get)
        ✗ main() never returned, so what it leaves pending could not be seen
        ✓ 3 tasks ran at once at most; the exercise asks for at least 3
        ✓ the program used Queue(maxsize)
        ✗ no output line has '10 orders packed'

        check · forgot_task_done.py · CPython \(try Self.version())                         done 1.25s
        ▶ [0] main()                          ██████████████████████████      ▶ running
        ▶ [1] packer(<Queue>, <list of 0>)    ██████████████████████████      ▶ running
        ▶ [2] packer(<Queue>, <list of 0>) #3 ██████████████████████████      ▶ running
        ▶ [3] packer(<Queue>, <list of 0>) #4 ██████████████████████████      ▶ running
                                              0s        0.5s      1s        1.5s
                                                                       ▲ ▶ run 1.25s
        █ running  ░ waiting  ✓ done  ✗ failed  ⊘ cancelled

        where each task waits at 1.25s
        #1 main()                       ◌ Queue.join
        #2 packer(<Queue>, <list of 0>) ◌ Queue.get
        #3 packer(<Queue>, <list of 0>) ◌ Queue.get
        #4 packer(<Queue>, <list of 0>) ◌ Queue.get

        3 of 5 checks failed.
        Hint 4/4: Something waits for what never comes: `orders.join()` returns only
        once `task_done()` was called for every order put, and a packer in
        `orders.get()` waits until it gets an order, a `None` that tells it to stop, or
        `cancel()`.

        """)
      // This worktree's file by its whole path: a colleague's run of the same exercise elsewhere
      // on the machine is not one left behind by this check.
      let left = try await GatherlabProcess(executable: URL(fileURLWithPath: "/usr/bin/pgrep"), ["-f", Self.file("10-worker-pool", "wrong/forgot_task_done.py")]).run()
      #expect(left.standardOutput.isEmpty)
    }

    @Test func pipedExerciseChecksOnVirtualTimeWithItsSchedulesOrOnceOnTheRealClock() async throws {
      let home = try TemporaryDirectory()
      let workspace = home.path + "/ws"
      let environment = ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"]
      let virtual = try await GatherlabProcess(["exercise", "crawl-list", "--workspace", workspace], environment: environment, timeout: .seconds(60)).run()
      #expect(virtual.status == .exited(1))
      #expect(virtual.standardOutput.contains("✗ main() returned after 2.7 s; the exercise asks for at most 1 s\n"))
      #expect(virtual.standardOutput.contains("The 20 perturbed schedules run once this unperturbed run passes.\n"))
      let real = try await GatherlabProcess(
        ["exercise", "crawl-list", "--workspace", workspace, "--clock", "real"], environment: environment, timeout: .seconds(60)
      ).run()
      #expect(real.status == .exited(1))
      #expect(real.standardOutput.contains("On the real clock the program ran once; the 20 perturbed schedules need virtual\ntime (leave out --clock real).\n"))
    }

    @Test func aLoopOfSleepsIsStoppedAtSixtyVirtualSecondsInAMoment() async throws {
      let home = try TemporaryDirectory(files: ["spin.py": "import asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(1)\n\nasyncio.run(main())\n"])
      let result = try await check(["fetch-together", home.path + "/spin.py"], home: home)
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("✗ the program was still running at 60 s of virtual time and was stopped: does\n  something loop or wait forever?\n"))
      #expect(result.standardOutput.contains("✗ main() had not returned after 60 s; the exercise asks for at most 1.3 s\n"))
      #expect(!result.standardOutput.contains("uncaught exception"))
    }

    @Test func anUnreadableFileExits66AndAnUnknownExercise64() async throws {
      let home = try TemporaryDirectory()
      let missing = try await check(["fetch-together", home.path + "/nope.py"], home: home)
      #expect(missing.status == .exited(66))
      #expect(missing.standardError == "Error: Cannot read '\(home.path)/nope.py'. Start the exercise with 'gatherlab exercise fetch-together', which writes it.\n")
      // Seen: a directory ran as `python3 DIR` and failed with Python's ImportError, exit 1.
      let directory = try await check(["fetch-together", home.path], home: home)
      #expect(directory.status == .exited(66))
      #expect(directory.standardError == "Error: '\(home.path)' is a directory: name the exercise's Python file.\n")
      // Seen: `--seed -1` said "Missing value for '--seed <N>'".
      let seed = try await check(["fetch-together", home.path + "/nope.py", "--seed", "-1"], home: home)
      #expect(seed.status == .exited(64))
      #expect(seed.standardError.hasPrefix("Error: --seed takes a whole number 0 or more, not -1.\n"))
      let unknown = try await check(["fetch-togther"], home: home)
      #expect(unknown.status == .exited(64))
      #expect(unknown.standardError == "Error: Unknown exercise 'fetch-togther'. Did you mean 'fetch-together'?\n")
      // Seen: 'check 99' said only "Unknown exercise '99'."
      let number = try await check(["99"], home: home)
      #expect(number.status == .exited(64))
      #expect(number.standardError == "Error: Unknown exercise '99'. Name one by its number (1 to 21) or its id; 'gatherlab exercises' lists them.\n")
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
      // Seen at 40 columns: the heading ran past the edge with the workspace's path.
      let narrow = try await GatherlabProcess(
        ["exercises", "--workspace", "/tmp/a-workspace-of-some-length", "--width", "40"],
        environment: ["GATHERLAB_HOME": home.path, "NO_COLOR": "1"]
      ).run()
      #expect(narrow.standardOutput.hasPrefix("Exercises · 1 of 21 passed · files in\n/tmp/a-workspace-of-some-length\n"))
    }
  }
}
