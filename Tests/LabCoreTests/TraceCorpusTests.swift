import Foundation
import LabCore
import Synchronization
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

/// `trace` runs a program exactly as `python3 FILE` does: every program of `TraceCorpus/` runs
/// plainly and under the tracer (through `TracedProgram`), on every CPython 3.11+ the machine
/// has, and the two agree byte for byte on stdout and stderr, and on the exit status. Each
/// program writes `tasks: N`, its own count of the tasks it made, and the tracer must have seen
/// exactly that many; every parent named is a task seen, and every gather the program called
/// has its join. They run CPython on the real clock: the Makefile runs this suite on its own.
@Suite(.timeLimit(.minutes(5)))
struct TraceCorpusTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("TraceCorpus").path

  /// (minor, interpreter) for each CPython 3.11+ here.
  static let pythons: [(Int, String)] = [11, 12, 13].compactMap { minor in TracedProgramTests.interpreter(minor).map { (minor, $0) } }

  /// Programs that run on every version (the 3.12+ ones are listed apart).
  static let programs = [
    "docs_gather.py", "queue_workers.py", "echo_server.py", "library_task.py", "custom_loop.py",
    "subprocesses.py", "process_pool.py", "sibling_import.py", "partial_lines.py", "os_exit.py",
    "logging_stderr.py", "raising_repr.py", "many_tasks.py", "uncaught.py", "asyncio_own_coroutines.py",
    "keyword_apis.py", "main_module.py", "callbacks.py", "foreign_awaitables.py", "refused_tasks.py",
    "debug_mode.py", "startup.py", "manual_loop.py", "introspection.py", "legacy_loop.py", "dropped_task.py",
  ]

  static var cases: [(String, Int)] {
    pythons.flatMap { minor, _ in programs.map { ($0, minor) } + (minor >= 12 ? [("eager_tasks.py", minor)] : []) }
  }

  struct Run: Equatable, CustomStringConvertible {
    var status: Int32
    var standardOutput: String
    var standardError: String

    var description: String { "status \(status)\n--- stdout\n\(standardOutput)--- stderr\n\(standardError)" }

    /// The program's own count of its tasks: its `tasks: N` line on stderr.
    var ownTaskCount: Int? {
      standardError.split(separator: "\n").last { $0.hasPrefix("tasks: ") }.flatMap { Int($0.dropFirst(7)) }
    }
  }

  struct Traced {
    var run: Run
    var lines: [TraceLine]
    /// The tracer's header line as it wrote it (`{"type": "trace", …}`).
    var header: String?

    var tasks: [TraceLine] { lines.filter { $0.type == "event" && $0.event == "waiting" } }
  }

  /// The corpus as a path relative to the test's working directory (where `swift test` runs), if
  /// it is below it.
  static let relativeCorpus: String? = {
    let here = FileManager.default.currentDirectoryPath + "/"
    return corpus.hasPrefix(here) ? String(corpus.dropFirst(here.count)) : nil
  }()

  /// Runs `program` with `python3 FILE`, from another directory, stdin empty; with `relative`, from
  /// this process's working directory with the program's path relative to it, as typed.
  static func plain(
    _ python: String, _ program: String, arguments: [String] = [], interruptWhen marker: String? = nil, relative: Bool = false
  ) throws -> Run {
    let elsewhere = try TemporaryDirectory()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    // Foundation's Process passes on the test runner's blocked and ignored signals: the launcher
    // gives the program a Ctrl-C as a shell would, then becomes `python3 FILE`.
    let launcher = """
      import os, signal, sys
      signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])
      signal.signal(signal.SIGINT, signal.SIG_DFL)
      os.execv(sys.executable, [sys.executable] + sys.argv[1:])
      """
    process.arguments = ["-c", launcher, (relative ? relativeCorpus ?? corpus : corpus) + "/" + program] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: relative ? FileManager.default.currentDirectoryPath : elsewhere.path)
    let out = elsewhere.path + "/stdout", err = elsewhere.path + "/stderr"
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
    process.standardInput = FileHandle.nullDevice
    try process.run()
    if let marker {
      while process.isRunning, !((try? String(contentsOfFile: out, encoding: .utf8))?.contains(marker) ?? false) {
        usleep(10_000)
      }
      kill(process.processIdentifier, SIGINT)
    }
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return Run(status: status, standardOutput: try String(contentsOfFile: out, encoding: .utf8), standardError: try String(contentsOfFile: err, encoding: .utf8))
  }

  /// Runs `program` under the tracer; with `marker`, cancels the run (a Ctrl-C) once its stdout
  /// shows it.
  static func traced(
    _ python: String, _ program: String, arguments: [String] = [], interruptWhen marker: String? = nil, clock: PythonClock = .real,
    relative: Bool = false, environment: [String: String] = [:]
  ) async throws -> Traced {
    let path = (relative ? relativeCorpus ?? corpus : corpus) + "/" + program
    var traced = TracedProgram(interpreter: try PythonInterpreter.find(explicit: python, environment: [:]), path: path, arguments: arguments)
    traced.passesStandardInput = false
    traced.pythonClock = clock
    traced.environment = environment
    // Beside the other corpus programs, an interpreter's teardown can take more than the second
    // a user gets: the test is about who handles the Ctrl-C, not how fast.
    traced.interruptGrace = .seconds(10)
    let collected = Mutex<(lines: [TraceLine], out: String, err: String, header: String?)>(([], "", "", nil))
    let seen = Mutex<Task<TracedProgram.Outcome, any Error>?>(nil)
    let run = Task { [traced] in
      try await traced.run { messages in
        var shows = false
        collected.withLock { state in
          for message in messages {
            switch message {
            case .trace(let text, let line):
              state.lines.append(line)
              if line.type == "trace" { state.header = text }
            case .output(_, let text): state.out += text
            case .errorOutput(_, let text): state.err += text
            }
          }
          shows = marker.map { state.out.contains($0) } ?? false
        }
        if shows { seen.withLock { $0 }?.cancel() }
      }
    }
    seen.withLock { $0 = run }
    if let marker, collected.withLock({ $0.out.contains(marker) }) { run.cancel() }
    let outcome = try await run.value
    let state = collected.withLock { $0 }
    #expect(outcome.standardError == state.err, "the stderr handed on is the stderr collected")
    return Traced(run: Run(status: outcome.status, standardOutput: state.out, standardError: state.err), lines: state.lines, header: state.header)
  }

  /// The checks every corpus program passes.
  static func expectSame(_ traced: Traced, as plain: Run, _ what: String) throws {
    #expect(traced.run == plain, "\(what): traced differs from python3 FILE")
    let own = try #require(plain.ownTaskCount, "\(what) writes no 'tasks: N'")
    #expect(traced.tasks.count == own, "\(what): the tracer saw \(traced.tasks.map { $0.task ?? "?" })")
    let ids = Set(traced.tasks.compactMap(\.id))
    for line in traced.lines where line.type == "event" || line.type == "gather" || line.type == "group" {
      if let parent = line.parent { #expect(ids.contains(parent), "\(what): parent #\(parent) is not a task seen") }
    }
    let gathers = traced.lines.filter { $0.type == "gather" }.compactMap(\.gather)
    let joined = Set(traced.lines.filter { $0.type == "join" }.compactMap(\.gather))
    #expect(Set(gathers) == joined, "\(what): every gather the program called has its join, and no other")
    for gather in traced.lines where gather.type == "gather" {
      for id in gather.tasks ?? [] { #expect(ids.contains(id), "\(what): gather #\(gather.gather ?? 0) names task #\(id), not seen") }
    }
  }

  @Test(.enabled(if: pythons.isEmpty, "python3 3.11+ and pyenv's 3.12 and 3.13 are all here: none is skipped"))
  func noCPythonHereSoTheCorpusIsSkipped() {}

  @Test(arguments: cases)
  func aCorpusProgramRunsUnderTraceExactlyAsUnderPython3(_ program: String, _ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, program)
    let traced = try await Self.traced(python, program)
    try Self.expectSame(traced, as: plain, "\(program) on 3.\(minor)")
  }

  /// On virtual time the program's output is framed by the tracer and put back in order by
  /// gatherlab: what reaches the user is still python3's, byte for byte, with its exit status.
  @Test(arguments: cases)
  func aCorpusProgramRunsOnVirtualTimeExactlyAsUnderPython3(_ program: String, _ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, program)
    let traced = try await Self.traced(python, program, clock: .virtual(seed: 0))
    try Self.expectSame(traced, as: plain, "\(program) on 3.\(minor), virtual time")
    #expect(traced.lines.first { $0.type == "clock" }?.clock == (program == "custom_loop.py" ? "real" : "virtual"))
  }

  /// The corpus programs whose runs on virtual time are the same every time: no socket, thread,
  /// subprocess or event loop of their own, which keep real time, and no step that computes for
  /// 20 ms, which moves the virtual clock by its CPU time (many_tasks.py's main makes 2 000 tasks
  /// in one step: on a loaded machine the pure Python tracer's step crossed that line and the C
  /// one's did not; logging_stderr.py's steps each log 250 lines, which took the pure tracer 20.6 ms
  /// on 3.13 in a release run), and no step that waits 0.1 s, which moves it by that wait
  /// (introspection.py's main forks and waits for its child: on a loaded machine 0.13 s). startup.py
  /// prints the GATHERLAB variables it inherits: GATHERLAB_TRACE_PURE among them, as the user set it.
  static let sameEveryTime = programs.filter {
    ![
      "echo_server.py", "custom_loop.py", "subprocesses.py", "process_pool.py", "asyncio_own_coroutines.py", "startup.py",
      "many_tasks.py", "introspection.py", "logging_stderr.py",
    ].contains($0)
  }

  /// The CPythons here that this build embedded the tracer's C speedups for (`make` compiles them
  /// for each CPython 3.11+ with its headers; a build without a C compiler has none).
  static let pythonsWithSpeedups = pythons.map(\.0).filter { minor in
    PythonSiteDirectory.extensions.contains { $0.name.hasPrefix("_gatherlab_speedups.cpython-3\(minor)-") }
  }

  static var speedupCases: [(String, Int)] {
    pythonsWithSpeedups.flatMap { minor in (sameEveryTime + (minor >= 12 ? ["eager_tasks.py"] : [])).map { ($0, minor) } }
  }

  @Test(.enabled(if: pythonsWithSpeedups.count < pythons.count, "the build embedded the C speedups for every CPython here: none is skipped"))
  func aCPythonWithoutSpeedupsHasItsDifferentialSkipped() {}

  /// The tracer's C speedups (`_gatherlab_speedups.c`) are its Python functions line for line: on
  /// virtual time, where a program's instants are the same every run, a trace with them and one
  /// with the Python alone (GATHERLAB_TRACE_PURE=1) agree in every line, output and status.
  @Test(arguments: speedupCases)
  func theCSpeedupsWriteTheTraceThePythonTracerWrites(_ program: String, _ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let fast = try await Self.traced(python, program, clock: .virtual(seed: 0))
    let pure = try await Self.traced(python, program, clock: .virtual(seed: 0), environment: ["GATHERLAB_TRACE_PURE": "1"])
    // The header says which ran: the comparison is of the C with the Python, not of one with itself.
    let header = { (traced: Traced) in traced.header ?? "no header" }
    #expect(header(fast).contains(#""speedups": true"#), "\(program) on 3.\(minor): \(header(fast))")
    #expect(header(pure).contains(#""speedups": false"#), "\(program) on 3.\(minor): \(header(pure))")
    #expect(fast.run == pure.run, "\(program) on 3.\(minor): output or status")
    #expect(fast.lines.count == pure.lines.count, "\(program) on 3.\(minor): as many trace lines")
    for (index, (with, without)) in zip(fast.lines, pure.lines).enumerated() where with != without {
      Issue.record("\(program) on 3.\(minor), line \(index + 1): C \(with) vs Python \(without)")
      break
    }
  }

  /// `python3 dir/prog.py` keeps `sys.argv[0]` as typed, while `__file__` is absolute.
  @Test(.enabled(if: relativeCorpus != nil, "the corpus is not below the test's working directory: no relative path to type"), arguments: pythons.map(\.0))
  func aProgramGivenByARelativePathSeesItInArgvAsTyped(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, "main_module.py", relative: true)
    let traced = try await Self.traced(python, "main_module.py", relative: true)
    try Self.expectSame(traced, as: plain, "main_module.py by a relative path on 3.\(minor)")
    #expect(plain.standardOutput.hasPrefix("argv ['\(try #require(Self.relativeCorpus))/main_module.py']\n"))
  }

  @Test(arguments: pythons.map(\.0))
  func theTracerNeverCallsTheProgramsReprAndLabelsAHugeArgumentByItsSize(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "raising_repr.py")
    #expect(traced.tasks.compactMap(\.task).sorted() == ["fails()", "main()", "work(<Slow>, <list of 20000>)", "work(<Touchy>, <list of 20000>)"])
    #expect(traced.lines.first { $0.task == "fails()" && $0.event == "failed" }?.error == "Odd")
    #expect(traced.run.standardOutput == "['Touchy', 'Slow', 'Odd'] repr calls: 0\n")
  }

  @Test(arguments: pythons.map(\.0))
  func asyncioRunsShutdownAndAServersOwnTasksAreHiddenAndSaidWhy(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "echo_server.py")
    let hidden = traced.lines.filter { $0.type == "hidden" }
    #expect(hidden.contains { $0.why == "asyncio.run's shutdown" })
    #expect(hidden.contains { $0.task?.hasPrefix("_accept_connection2(") == true })
    #expect(traced.tasks.filter { $0.task?.hasPrefix("handle(") == true }.count == 3)
    // A task asyncio made for its own gather draws no join: only the program's gather has one.
    #expect(traced.lines.filter { $0.type == "join" }.count == 1)
  }

  @Test(arguments: pythons.map(\.0))
  func theProgramsOwnTasksOfAsyncioCoroutinesAreSeen(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "asyncio_own_coroutines.py")
    let labels = traced.tasks.compactMap(\.task)
    #expect(labels.contains { $0.hasPrefix("sleep(") })
    #expect(labels.contains { $0.hasPrefix("to_thread(") })
    #expect(labels.filter { $0.hasPrefix("wait(") }.count == 2)
    #expect(labels.contains("quick(7)"))
  }

  @Test(arguments: pythons.map(\.0).filter { $0 >= 12 })
  func childrenOfAnEagerTasksFirstStepHaveItAsParent(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "eager_tasks.py")
    let branches = Dictionary(uniqueKeysWithValues: traced.tasks.filter { $0.task?.hasPrefix("branch(") == true }.compactMap { line in line.id.map { ($0, line) } })
    let leaves = traced.tasks.filter { $0.task?.hasPrefix("leaf(") == true }
    #expect(leaves.count == 4)
    #expect(leaves.allSatisfy { $0.parent.map { branches[$0] != nil } == true })
    #expect(leaves.allSatisfy { $0.gather != nil })
  }

  @Test(arguments: pythons.map(\.0))
  func osExitKeepsTheLastJoinAndTheTasksEnds(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "os_exit.py")
    #expect(traced.run.status == 3)
    #expect(traced.lines.contains { $0.type == "join" && $0.label == "gather returned" })
    #expect(traced.lines.filter { $0.event == "finished" }.count == 2)
  }

  @Test(arguments: pythons.map(\.0))
  func fiveThousandLogLinesOnStderrArriveWholeAndWhileTheProgramRuns(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let traced = try await Self.traced(python, "logging_stderr.py")
    #expect(traced.run.standardError.split(separator: "\n").count == 5_002)
    #expect(traced.run.standardError.utf8.count > 256 * 1024)
  }

  @Test(
    .enabled(if: isatty(0) == 0, "stdin is a terminal: the traced program stays in its process group, where only the terminal's own Ctrl-C reaches it"),
    arguments: pythons.map(\.0))
  func ctrlCReachesTheProgramsOwnHandlerAsAtATerminal(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, "ctrl_c.py", interruptWhen: "ready")
    let traced = try await Self.traced(python, "ctrl_c.py", interruptWhen: "ready")
    #expect(plain.standardError.hasPrefix("stopped by Ctrl-C\n"))
    try Self.expectSame(traced, as: plain, "ctrl_c.py on 3.\(minor)")
  }

  @Test(
    .enabled(if: isatty(0) == 0, "stdin is a terminal: the traced program stays in its process group, where only the terminal's own Ctrl-C reaches it"),
    arguments: pythons.map(\.0))
  func ctrlCReachesTheProgramsOwnHandlerOnVirtualTimeAsOnRealTime(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, "ctrl_c_listening.py", interruptWhen: "ready")
    #expect(plain.standardOutput == "ready, main cleaned up\n")
    #expect(plain.standardError.hasPrefix("stopped by Ctrl-C\n"))
    #expect(plain.status == 130)
    for clock in [PythonClock.real, .virtual(seed: 0)] {
      let traced = try await Self.traced(python, "ctrl_c_listening.py", interruptWhen: "ready", clock: clock)
      try Self.expectSame(traced, as: plain, "ctrl_c_listening.py on 3.\(minor), \(clock) time")
    }
  }

  // MARK: - A hundred thousand tasks (slow: GATHERLAB_SLOW_TESTS=1)

  @Test(
    .enabled(if: ProcessInfo.processInfo.environment["GATHERLAB_SLOW_TESTS"] == "1", "100 000 tasks take a while: set GATHERLAB_SLOW_TESTS=1 to run them"),
    arguments: pythons.map(\.0))
  func aHundredThousandTasksAreEverySeen(_ minor: Int) async throws {
    let python = try #require(TracedProgramTests.interpreter(minor))
    let plain = try Self.plain(python, "many_tasks.py", arguments: ["100000"])
    let traced = try await Self.traced(python, "many_tasks.py", arguments: ["100000"])
    try Self.expectSame(traced, as: plain, "many_tasks.py 100000 on 3.\(minor)")
  }

  // MARK: - uvloop and aiohttp, from the venv `make trace-venv` makes

  /// The venv's python3 (GATHERLAB_TRACE_VENV, or .build/venv), when it has uvloop and aiohttp.
  static let venvPython: String? = {
    let root = ProcessInfo.processInfo.environment["GATHERLAB_TRACE_VENV"]
      ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/venv").path
    let python = root + "/bin/python3"
    guard FileManager.default.isExecutableFile(atPath: python),
      let packages = FileManager.default.enumerator(atPath: root + "/lib")?.allObjects as? [String],
      packages.contains(where: { $0.hasSuffix("site-packages/uvloop") }), packages.contains(where: { $0.hasSuffix("site-packages/aiohttp") })
    else { return nil }
    return python
  }()

  @Test(.enabled(if: venvPython != nil, "no venv with uvloop and aiohttp (make trace-venv makes .build/venv): the uvloop and aiohttp programs are skipped"))
  func aProgramOnUvloopHasEveryTaskSeen() async throws {
    let python = try #require(Self.venvPython)
    let plain = try Self.plain(python, "venv/uvloop_program.py")
    let traced = try await Self.traced(python, "venv/uvloop_program.py")
    try Self.expectSame(traced, as: plain, "uvloop_program.py")
  }

  @Test(.enabled(if: venvPython != nil, "no venv with uvloop and aiohttp (make trace-venv makes .build/venv): the uvloop and aiohttp programs are skipped"))
  func anAiohttpServerAndClientHaveTheirHandlersSeen() async throws {
    let python = try #require(Self.venvPython)
    let plain = try Self.plain(python, "venv/aiohttp_program.py")
    let traced = try await Self.traced(python, "venv/aiohttp_program.py")
    #expect(traced.run == plain)
    #expect(plain.standardError == "handled 3\n")
    // main, three fetches, and aiohttp's tasks for the three requests it handled.
    #expect(traced.tasks.filter { $0.task?.hasPrefix("fetch(") == true }.count == 3)
    #expect(traced.tasks.count >= 7)
  }
}
