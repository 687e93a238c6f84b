import Foundation
import Testing
import TestSupport

/// `--clock virtual`, `--seed` and `--schedules` through the built binary, with real CPython.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the virtual-time end-to-end tests are skipped"),
    .timeLimit(.minutes(2))
  )
  struct VirtualTimeCommandTests {
    static let race = """
      import asyncio

      answers = []


      async def lookup(source, value):
          await asyncio.sleep(1.0)  # stands for a network call
          answers.append((source, value))


      async def main():
          await asyncio.gather(lookup("cache", "old"), lookup("database", "new"))
          source, value = answers[-1]  # the bug: "the database always answers last"
          print(f"using {value!r} from the {source}")


      asyncio.run(main())
      """

    @Test func traceOnVirtualTimePrintsTheSameJSONEveryRunWithExactInstantsAndTheProgramsStatus() async throws {
      let path = try PythonCommandTests.program("naps.py", """
        import asyncio, sys
        async def nap(seconds):
            await asyncio.sleep(seconds)
            print("slept", seconds, flush=True)
        async def main():
            await asyncio.gather(nap(3), nap(1), nap(2))
            sys.exit(3)
        asyncio.run(main())
        """)
      let first = try await GatherlabProcess(["trace", path, "--clock", "virtual", "--json"], timeout: .seconds(30)).run()
      #expect(first.status == .exited(3), "stderr: \(first.standardError)")
      let lines = try PythonCommandTests.lines(first.standardOutput)
      #expect(lines.first { $0["type"] as? String == "clock" }?["clock"] as? String == "virtual")
      let printed = lines.filter { $0["type"] as? String == "output" }.compactMap { $0["text"] as? String }.joined()
      #expect(printed == "slept 1\nslept 2\nslept 3\n")
      let ends = lines.filter { $0["event"] as? String == "finished" && ($0["task"] as? String)?.hasPrefix("nap") == true }
      #expect(ends.map { $0["t"] as? Double } == [1.0, 2.0, 3.0])
      #expect(lines.last?["status"] as? Int == 3)
      let outputs = lines.filter { $0["type"] as? String == "output" }.map { $0["t"] as? Double }
      #expect(Set(outputs) == [1.0, 2.0, 3.0], "each print timed at its task's instant")
      // The whole JSON, the program's output included, is the same every run.
      let second = try await GatherlabProcess(["trace", path, "--clock", "virtual", "--json"], timeout: .seconds(30)).run()
      #expect(second.standardOutput == first.standardOutput)
    }

    @Test func pipedARunWhoseLoopsInTwoThreadsComeAndGoSaysOnceWhyItIsOnRealTime() async throws {
      // The thread's asyncio.run starts and stops its loop three times (the program, then its
      // async generators' and its executor's shutdowns): the clock goes back and forth each time.
      let path = try PythonCommandTests.program("threads.py", """
        import asyncio, threading
        async def main():
            thread = threading.Thread(target=asyncio.run, args=(asyncio.sleep(0.1),))
            thread.start()
            await asyncio.to_thread(thread.join)
            print("joined")
        asyncio.run(main())
        """)
      let result = try await GatherlabProcess(["trace", path, "--clock", "virtual", "--no-color"], timeout: .seconds(30)).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      let said = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("This run is on real time") }
      #expect(said == ["This run is on real time, not virtual: event loops run in more than one thread at once."])
    }

    @Test func pipedOnVirtualTimeEachPrintedLineIsAtItsInstantAndTheLastLineSaysWhatItsTimeTook() async throws {
      let path = try PythonCommandTests.program("printed.py", """
        import asyncio, sys
        async def nap(seconds):
            await asyncio.sleep(seconds)
            print("slept", end=" ", flush=True)
            print(seconds, flush=True)
        async def main():
            await asyncio.gather(nap(2), nap(1))
            print("to stderr", file=sys.stderr)
        asyncio.run(main())
        """)
      let result = try await GatherlabProcess(["trace", path, "--clock", "virtual"], timeout: .seconds(30)).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      let lines = result.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(lines.filter { $0.hasPrefix(" ") && ($0.contains("»") || $0.contains("finished")) } == [
        " 1.00s  » slept 1", " 1.00s  #3 nap(1)  finished 1st  \"None\"",
        " 2.00s  » slept 2", " 2.00s  #2 nap(2)  finished 2nd  \"None\"", " 2.00s  #1 main()  finished 3rd  \"None\"",
      ])
      #expect(result.standardError == "to stderr\n")
      let account = lines.drop { !$0.hasPrefix("3 tasks:") }.joined(separator: " ")
      #expect(account.hasPrefix("3 tasks: 3 finished. printed.py exited normally. On virtual time: its 2.00s took "))
      #expect(account.hasSuffix("s. "))
    }

    @Test func atATerminalAVirtualRunIsOverInABlinkAndItsScreenSaysVirtualTimeWithExactInstants() async throws {
      let path = try PythonCommandTests.program("blink.py", """
        import asyncio
        async def nap(seconds):
            await asyncio.sleep(seconds)
            print("slept", seconds)
        async def main():
            await asyncio.gather(nap(1), nap(2), nap(3))
        asyncio.run(main())
        """)
      let terminal = try PseudoTerminal.gatherlab(["trace", path, "--clock", "virtual"], rows: 24, columns: 80)
      defer { terminal.close() }
      #expect(try await terminal.waitForExit(timeout: .seconds(30)) == .exited(0))
      let screen = terminal.screen.text
      #expect(screen.contains("trace · blink.py · CPython "))
      #expect(screen.contains(" · virtual time "))
      for seconds in [1, 2, 3] {
        #expect(screen.contains("✓ \(seconds).00s"), "nap(\(seconds)) ends at exactly \(seconds).00s")
        #expect(screen.contains(" \(seconds).00s  » slept \(seconds)"))
      }
      #expect(screen.contains("4 tasks: 4 finished. blink.py exited normally. On virtual time: its 3.00s"))
    }

    @Test func schedulesFindTheTieThatDecidesARaceAndASeedReplaysIt() async throws {
      let path = try PythonCommandTests.program("race.py", Self.race)
      let result = try await GatherlabProcess(["trace", path, "--schedules", "20"], timeout: .seconds(90)).run()
      #expect(result.status == .exited(1), "stderr: \(result.standardError)")
      #expect(result.standardOutput.contains("(seeds 1-20): 2 different behaviours."))
      #expect(result.standardOutput.contains("   » using 'new' from the database\n"))
      #expect(result.standardOutput.contains("   » using 'old' from the cache\n"))
      let json = try await GatherlabProcess(["trace", path, "--schedules", "20", "--json"], timeout: .seconds(90)).run()
      let report = try #require(try PythonCommandTests.lines(json.standardOutput).first)
      #expect(report["type"] as? String == "schedules")
      let behaviours = try #require(report["behaviours"] as? [[String: Any]])
      #expect(behaviours.count == 2)
      let stale = try #require(behaviours.first { ($0["output"] as? [String]) == ["using 'old' from the cache"] })
      let seed = try #require(stale["seed"] as? Int)
      #expect(stale["replay"] as? String == "gatherlab trace \(path) --clock virtual --seed \(seed)")
      let replayed = try await GatherlabProcess(["trace", path, "--clock", "virtual", "--seed", String(seed), "--json"], timeout: .seconds(30)).run()
      let outputs = try PythonCommandTests.lines(replayed.standardOutput).filter { $0["type"] as? String == "output" }
      #expect(outputs.compactMap { $0["text"] as? String }.joined() == "using 'old' from the cache\n")
    }

    @Test func badClockOptionsAreRefusedWithOneSentence() async throws {
      let real = try await GatherlabProcess(["trace", "x.py", "--clock", "real", "--seed", "3"]).run()
      #expect(real.status == .exited(64))
      #expect(real.standardError.contains("--seed perturbs virtual time: leave out --clock real, or use --clock virtual."))
      let swift = try await GatherlabProcess(["run", "ordering", "--clock", "virtual"]).run()
      #expect(swift.status == .exited(64))
      #expect(swift.standardError.contains("--clock and --seed are for the Python twin: add --python."))
      let many = try await GatherlabProcess(["trace", "x.py", "--schedules", "0"]).run()
      #expect(many.standardError.contains("--schedules takes a number from 1 to 1000, not 0."))
    }

    @Test func ctrlCStopsAProgramWaitingForAThreadOnVirtualTime() async throws {
      let marker = "gatherlab-virtual-ctrl-c-\(UUID().uuidString)"
      let path = try PythonCommandTests.program("\(marker).py", """
        import asyncio, time
        async def wait():
            await asyncio.sleep(5)
            print("waiting", flush=True)
            await asyncio.to_thread(time.sleep, 30)
        asyncio.run(wait())
        """)
      let result = try await GatherlabProcess(["trace", path, "--clock", "virtual"], timeout: .seconds(30))
        .run(interrupting: .whenStandardOutputContains("» waiting"))
      #expect(result.sentInterrupt)
      #expect(result.status == .exited(130))
      #expect(!result.standardError.contains("KeyboardInterrupt"))
      try await Task.sleep(for: .milliseconds(200))
      let processes = try await GatherlabProcess(executable: URL(fileURLWithPath: "/bin/ps"), ["-eo", "args"]).run()
      #expect(!processes.standardOutput.contains(marker), "the traced python3 is still running")
    }

    /// A program that waits for Ctrl-C with nothing on its clock is not stopped: one line says
    /// so, it waits as python3 would, and Ctrl-C ends it as on the real clock.
    @Test func aProgramWaitingForCtrlCIsToldToWaitWithNothingOnItsClockAndCtrlCStopsIt() async throws {
      let marker = "gatherlab-virtual-idle-\(UUID().uuidString)"
      let path = try PythonCommandTests.program("\(marker).py", """
        import asyncio
        async def serve():
            await asyncio.sleep(5)
            print("ready", flush=True)
            await asyncio.Event().wait()
        asyncio.run(serve())
        """)
      let result = try await GatherlabProcess(["trace", path, "--clock", "virtual"], timeout: .seconds(30))
        .run(interrupting: .whenStandardOutputContains("can wake it"))
      #expect(result.sentInterrupt)
      #expect(result.status == .exited(130))
      #expect(result.standardOutput.contains(" 5.00s  » ready\n 5.00s  ┆  the event loop waits with nothing on its clock: only a signal, such as Ctrl-C, can wake it\n"))
      try await Task.sleep(for: .milliseconds(200))
      let processes = try await GatherlabProcess(executable: URL(fileURLWithPath: "/bin/ps"), ["-eo", "args"]).run()
      #expect(!processes.standardOutput.contains(marker), "the traced python3 is still running")
    }

    @Test func aRecordingOfATwinOnVirtualTimeSaysSoAndReplaysAndExportsLikeAnyOther() async throws {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let file = directory.appendingPathComponent("twin.jsonl").path
      let run = try await GatherlabProcess(["run", "ordering", "--python", "--clock", "virtual", "--json", "--record", file], timeout: .seconds(30)).run()
      #expect(run.status == .exited(0), "stderr: \(run.standardError)")
      let recorded = try String(contentsOfFile: file, encoding: .utf8)
      let header = try #require(try PythonCommandTests.lines(recorded).first)
      #expect(header["type"] as? String == "recording")
      #expect(header["clock"] as? String == "virtual")
      #expect(header["seed"] as? Int == 0)
      let events = try PythonCommandTests.lines(recorded).filter { $0["type"] as? String == "event" && $0["event"] as? String == "finished" }
      #expect(events.map { $0["t"] as? Double } == [1, 2, 3])
      let replay = try await GatherlabProcess(["replay", file, "--json"], timeout: .seconds(30)).run()
      #expect(replay.status == .exited(0))
      #expect(replay.standardOutput == run.standardOutput)
      let export = try await GatherlabProcess(["export", file, "--to", "svg", "-o", "-"], timeout: .seconds(30)).run()
      #expect(export.status == .exited(0))
      #expect(export.standardOutput.hasPrefix("<svg") || export.standardOutput.hasPrefix("<?xml"))
    }
  }
}
