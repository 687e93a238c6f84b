import Foundation
import Testing
import TestSupport

/// `run --python`, `compare` and `trace` through the built binary, with real CPython.
extension EndToEnd {
  @Suite(
    .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: the Python commands' end-to-end tests are skipped"),
    .timeLimit(.minutes(2))
  )
  struct PythonCommandTests {
    static func lines(_ output: String) throws -> [[String: Any]] {
      try output.split(separator: "\n").map { line in
        try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
      }
    }

    /// On virtual time, where the twin's instants are exact: at speed 10 on the real clock the
    /// elapsed time's 0.5 s tolerance was 50 ms of real time, which a loaded machine overran.
    /// Fails if the twin's header, finish order, outcome or elapsed time is wrong.
    @Test func runPythonPrintsTheTwinsRunWithItsRuntimeInTheHeader() async throws {
      let result = try await GatherlabProcess(
        ["run", "ordering", "--python", "--json", "--speed", "10", "--clock", "virtual"], timeout: .seconds(30)
      ).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      let lines = try Self.lines(result.standardOutput)
      let header = try #require(lines.first)
      #expect(header["type"] as? String == "demo")
      #expect((header["runtime"] as? String)?.hasPrefix("CPython 3.") == true)
      let resultLine = try #require(lines.last)
      #expect(resultLine["finishOrder"] as? [String] == ["B", "C", "A"])
      #expect(resultLine["outcome"] as? String == "returned")
      #expect(resultLine["elapsed"] as? Double == 3)
    }

    /// On virtual time: the orphans' end ("until 2.00s") is exact there; at speed 10 on the real
    /// clock 10 ms of load lag moved it a tenth of a nominal second. Fails if the summary differs
    /// from a Swift run's or misses the orphans.
    @Test func runPythonEndsWithTheSameSummaryAsASwiftRun() async throws {
      let result = try await GatherlabProcess(
        ["run", "error-cancel", "mode=gather", "--python", "--speed", "10", "--clock", "virtual"], timeout: .seconds(30)
      ).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      #expect(result.standardOutput.hasPrefix("error-cancel · delays=2,2 · fail-at=1 · mode=gather · CPython 3."))
      #expect(result.standardOutput.contains("\noutcome     threw A failed\n"))
      #expect(result.standardOutput.contains("\norphans     B, C ran on after the caller got the error until 2.00s\n"))
    }

    /// The twin on virtual time; the Swift run is on the real clock at speed 10, where a loaded
    /// machine moves its instants by more than the comparison's 0.19 s tolerance (19 ms real): the
    /// facets that do not depend on instants are asserted, not elapsed or the tie's end order.
    /// Fails if either side cancels something, loses the orphans, or the results differ.
    @Test func compareErrorCancelWithGatherAgreesThatNothingIsCancelled() async throws {
      let result = try await GatherlabProcess(
        ["compare", "error-cancel", "mode=gather", "--json", "--speed", "10", "--clock", "virtual"], timeout: .seconds(30)
      ).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      let lines = try Self.lines(result.standardOutput)
      let headers = lines.filter { $0["type"] as? String == "demo" }
      #expect(headers.count == 2)
      #expect(headers[0]["runtime"] == nil)
      #expect((headers[1]["runtime"] as? String)?.hasPrefix("CPython") == true)
      let results = lines.filter { $0["type"] as? String == "result" }
      #expect(results.map { $0["orphans"] as? [String] } == [["B", "C"], ["B", "C"]])
      let comparison = try #require(lines.last)
      #expect(comparison["type"] as? String == "comparison")
      let facets = try #require(comparison["facets"] as? [[String: Any]])
      let cancelled = try #require(facets.first { $0["name"] as? String == "cancelled" })
      #expect(cancelled["agrees"] as? Bool == true)
      #expect(cancelled["swift"] as? String == "none")
      #expect(cancelled["python"] as? String == "none")
      for name in ["outcome", "cancelled", "orphans", "results", "most running"] {
        #expect(facets.first { $0["name"] as? String == name }?["agrees"] as? Bool == true, "\(name): \(facets)")
      }
    }

    /// Both runs on the real clock, as compare runs by default: at speed 2 the ends are 0.5 s of
    /// real time apart, a margin load does not eat (at speed 10 it was 0.1 s); the elapsed facet
    /// is not asserted. Fails if either runtime's end order, outcome or cancellations is wrong.
    @Test func comparePrintsWhatAgreesAfterBothRuns() async throws {
      let result = try await GatherlabProcess(["compare", "ordering", "--speed", "2"], timeout: .seconds(30)).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      #expect(result.standardOutput.hasPrefix("compare · ordering · delays=3,1,2 · speed 2×\n"))
      #expect(result.standardOutput.contains("\nSwift    "))
      #expect(result.standardOutput.contains("\nCPython  "))
      #expect(result.standardOutput.contains("\n✓ outcome       both returned\n✓ end order     both B, C, A\n✓ cancelled     both none\n"))
    }

    @Test(arguments: [["run", "ordering", "--python"], ["compare", "ordering"], ["trace", "missing.py"]])
    func withoutPythonTheCommandsExit69WithOneSentence(_ arguments: [String]) async throws {
      let result = try await GatherlabProcess(arguments + ["--python-bin", "/nonexistent/python3"]).run()
      #expect(result.status == .exited(69))
      #expect(result.standardError == "Error: No Python found at '/nonexistent/python3': install python3 3.11 or newer (apt-get install python3), or name one with --python-bin PATH or GATHERLAB_PYTHON.\n")
      #expect(result.standardOutput == "")
    }

    /// pyenv's 3.10 and its runtime as the directory names it: ("…/3.10.13/bin/python3", "CPython 3.10.13").
    static let python310: (String, String)? = PythonForTests.pyenv(10).map { path in
      (path, "CPython " + (path.split(separator: "/").dropLast(2).last.map(String.init) ?? ""))
    }

    @Test(
      .enabled(if: python310 != nil, "no pyenv Python 3.10: the too-old end-to-end test is skipped"),
      arguments: [["run", "ordering", "--python"], ["compare", "ordering", "--speed", "10"], ["trace", "PROGRAM"]]
    )
    func aPythonOlderThan311IsFoundOutByTheRunItselfAndExits69WithOneSentence(_ arguments: [String]) async throws {
      let (python, runtime) = try #require(Self.python310)
      let program = try Self.program("hello.py", "print('hello')\n")
      let result = try await GatherlabProcess(arguments.map { $0 == "PROGRAM" ? program : $0 } + ["--python-bin", python], timeout: .seconds(30)).run()
      #expect(result.status == .exited(69))
      #expect(result.standardError == "Error: '\(python)' is \(runtime), too old: install python3 3.11 or newer (apt-get install python3), or name one with --python-bin PATH or GATHERLAB_PYTHON.\n")
      #expect(result.standardOutput == "")
    }

    @Test func gatherlabPythonNamesTheInterpreterAndTheRestStillWorksWithoutOne() async throws {
      let missing = try await GatherlabProcess(["run", "ordering", "--python"], environment: ["GATHERLAB_PYTHON": "/nonexistent/python3"]).run()
      #expect(missing.status == .exited(69))
      let swift = try await GatherlabProcess(["run", "ordering", "--speed", "100"], environment: ["GATHERLAB_PYTHON": "/nonexistent/python3", "PATH": "/nonexistent"]).run()
      #expect(swift.status == .exited(0))
    }

    static func program(_ name: String, _ source: String) throws -> String {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      let path = directory.appendingPathComponent(name).path
      try source.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }

    @Test func traceReadsStdinAndMarksThePrintedLines() async throws {
      let path = try Self.program("greet.py", """
        import asyncio
        async def greet():
            name = input()
            await asyncio.sleep(0.05)
            print("hello", name)
        asyncio.run(greet())
        """)
      let result = try await GatherlabProcess(["trace", path, "--json"], standardInput: "Ada\n", timeout: .seconds(30)).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      let lines = try Self.lines(result.standardOutput)
      #expect(lines.first?["type"] as? String == "trace")
      let outputs = lines.filter { $0["type"] as? String == "output" }
      #expect(outputs.compactMap { $0["text"] as? String }.joined() == "hello Ada\n")
      #expect(lines.contains { $0["task"] as? String == "greet()" && $0["event"] as? String == "finished" })
      #expect(lines.last?["type"] as? String == "exit")
    }

    @Test func traceOfAProgramThatRaisesShowsTheTracebackAfterTheTimelineAndExitsWithItsStatus() async throws {
      let path = try Self.program("raises.py", """
        import asyncio, sys
        async def main():
            await asyncio.sleep(0.01)
            raise ValueError("bad input")
        asyncio.run(main())
        """)
      let result = try await GatherlabProcess(["trace", path], timeout: .seconds(30)).run()
      #expect(result.status == .exited(1))
      #expect(result.standardOutput.contains("  #1 main()  failed 1st  ValueError: bad input\n"))
      #expect(result.standardOutput.hasSuffix("\n1 task: 1 failed. raises.py exited with status 1.\n"))
      #expect(result.standardError.hasPrefix("Traceback (most recent call last):\n"))
      #expect(result.standardError.hasSuffix("ValueError: bad input\n"))
    }

    /// A program gathering two fetches, traced with `--record`: its path, the recording's, and
    /// the trace's own run.
    static func recordedTrace(_ name: String) async throws -> (path: String, recording: String, traced: ProcessResult) {
      let path = try Self.program(name, """
        import asyncio
        async def fetch(name, delay):
            await asyncio.sleep(delay)
            return name
        async def main():
            await asyncio.gather(fetch('a', 0.05), fetch('b', 0.1))
        asyncio.run(main())
        """)
      let recording = path + ".jsonl"
      let traced = try await GatherlabProcess(["trace", path, "--record", recording], timeout: .seconds(30)).run()
      #expect(traced.status == .exited(0), "stderr: \(traced.standardError)")
      return (path, recording, traced)
    }

    @Test func aTraceRecordingReplaysItsLinesUnchangedAndStepsAsATree() async throws {
      let (path, recording, traced) = try await Self.recordedTrace("recorded.py")
      let written = try String(contentsOfFile: recording, encoding: .utf8).split(separator: "\n").map(String.init)
      #expect(written.first?.contains(#""command":["gatherlab","trace","#) == true)
      #expect(written.last?.hasPrefix(#"{"type":"result","outcome":"returned","status":0,"tasks":3"#) == true)
      let json = try await GatherlabProcess(["replay", recording, "--json"]).run()
      #expect(json.standardOutput.split(separator: "\n").map(String.init) == Array(written.dropFirst()))
      let steps = try await GatherlabProcess(["replay", recording, "--step"], environment: ["COLUMNS": "80"]).run()
      #expect(steps.status == .exited(0))
      #expect(steps.standardOutput.contains("\n└ gather #1 · 2 tasks"))
      #expect(steps.standardOutput.contains("\nwhere each task waits at "))
      #expect(steps.standardOutput.contains("#2 fetch('a', 0.05) finished"))
      #expect(!steps.standardOutput.contains("[0]"))
      #expect(steps.standardOutput.hasSuffix("\n3 tasks: 3 finished. recorded.py exited normally.\n"))
      // Piped, a replay prints the lines the trace printed (tasks by trace id, never [0]), under
      // its title, and ends with the trace's own account: the count and how the program ended.
      let replayed = try await GatherlabProcess(["replay", recording]).run()
      let replayedLines = replayed.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
      let tracedLines = traced.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
      #expect(replayedLines.first == "trace \(path) --record \(recording) · replay")
      #expect(Array(replayedLines.dropFirst()) == tracedLines)
      #expect(tracedLines.contains { $0.hasSuffix("#2 fetch('a', 0.05)  finished 1st  \"a\"") })
      #expect(replayedLines.suffix(2) == ["3 tasks: 3 finished. recorded.py exited normally.", ""])
    }

    /// Each export of a trace recording names tasks by trace id (`#2`), as the trace and its
    /// replay do, never by a result index (`[0]`).
    @Test func aTraceRecordingExportsAsTheTraceDrewIt() async throws {
      let (_, recording, _) = try await Self.recordedTrace("exported.py")
      var outputs: [String: String] = [:]
      for format in ["svg", "cast", "trace"] {
        let exported = try await GatherlabProcess(["export", recording, "--to", format, "-o", "-"]).run()
        #expect(exported.status == .exited(0), "stderr: \(exported.standardError)")
        #expect(!exported.standardOutput.contains("[0]"), "\(format) names a task by index")
        outputs[format] = exported.standardOutput
      }
      let svg = try #require(outputs["svg"])
      #expect(svg.contains(">fetch(&apos;a&apos;, 0.05)</tspan>"))
      #expect(svg.contains(">3 tasks: 3 finished. exported.py exited normally.</tspan>"))
      let cast = try #require(outputs["cast"]).split(separator: "\n")
      #expect(cast.first?.contains(#""title":"trace · exported.py · CPython 3."#) == true)
      #expect(cast.contains { $0.contains(#","m",""#) && $0.contains("#2 fetch('a', 0.05) finished") })
      let json = Data(try #require(outputs["trace"]).utf8)
      let trace = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
      let events = try #require(trace["traceEvents"] as? [[String: Any]])
      let threads = events.filter { $0["name"] as? String == "thread_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
      #expect(threads == ["#1 main()", "#2 fetch('a', 0.05)", "#3 fetch('b', 0.1)"])
      let slices = events.filter { $0["ph"] as? String == "X" && $0["tid"] as? Int == 2 }.compactMap { $0["name"] as? String }
      #expect(slices.contains("awaiting sleep 0.05s"))
    }

    @Test(arguments: [80, 40]) func ctrlCAtATerminalLeavesTheTreeAndWhereEachTaskWaitsThenExits130(columns: Int) async throws {
      let path = try Self.program("waits-\(columns).py", """
        import asyncio
        async def nap(i):
            await asyncio.sleep(30)
        async def main():
            print("napping", flush=True)
            await asyncio.gather(*(nap(i) for i in range(1000)))
        asyncio.run(main())
        """)
      let terminal = try PseudoTerminal.gatherlab(["trace", path], rows: 24, columns: columns)
      defer { terminal.close() }
      _ = try await terminal.waitFor("» napping", timeout: .seconds(30))
      _ = try await terminal.waitFor("nap × 1 000", timeout: .seconds(30))
      try terminal.write("\u{03}")
      #expect(try await terminal.waitForExit(timeout: .seconds(10)) == .exited(130))
      let screen = terminal.screen.text
      #expect(screen.contains("interrupted at"))
      #expect(screen.contains("where each task waits at"))
      // The tree at the end shows the program's cleanup; the picture, the moment Ctrl-C came.
      #expect(screen.contains("nap × 1 000: 1 000 cancelled"))
      #expect(screen.contains("nap × 1 000: 1 000 sleeping"))  // the tracer's await lines: each waits on its sleep
      #expect(screen.contains("Interrupted: waits-\(columns).py was stopped"))
      #expect(screen.hasSuffix("(Ctrl-C)."))
      #expect(terminal.screen.cursorVisible)
    }

    @Test func traceOfAFileThatIsNotThereExits66() async throws {
      let result = try await GatherlabProcess(["trace", "/nonexistent/program.py"]).run()
      #expect(result.status == .exited(66))
      #expect(result.standardError == "Error: Cannot read '/nonexistent/program.py'.\n")
    }

    @Test func ctrlCReachesATracedProgramsOwnHandlerAndLeavesNothingBehind() async throws {
      let marker = "gatherlab-ctrl-c-\(UUID().uuidString)"
      let path = try Self.program("\(marker).py", """
        import asyncio, sys
        async def wait():
            print("waiting", flush=True)
            try:
                await asyncio.sleep(30)
            finally:
                print("cleaning up", flush=True)
        try:
            asyncio.run(wait())
        except KeyboardInterrupt:
            print("stopped by Ctrl-C", file=sys.stderr)
        """)
      let result = try await GatherlabProcess(["trace", path], timeout: .seconds(30))
        .run(interrupting: .whenStandardOutputContains("» waiting"))
      #expect(result.sentInterrupt)
      #expect(result.status == .exited(130))
      // The program's own cleanup ran and printed, as at a terminal.
      #expect(result.standardOutput.contains("» cleaning up"))
      #expect(result.standardError.contains("stopped by Ctrl-C\n"))
      try await Task.sleep(for: .milliseconds(200))
      let processes = try await GatherlabProcess(executable: URL(fileURLWithPath: "/bin/ps"), ["-eo", "args"]).run()
      #expect(!processes.standardOutput.contains(marker), "the traced python3 is still running")
    }
  }
}
