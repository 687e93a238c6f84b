import Foundation
import LabCore
import TestSupport
import Testing

extension EndToEnd {
  /// `save FILE` and `replay` in a piped walkthrough session, through the real executable, and
  /// `replay`, `step`, `compare` and `trace` at a terminal; on the fixture course
  /// (`LessonFixtures.validCourse`) except where a test says why not.
  @Suite(.timeLimit(.minutes(2)))
  struct WalkthroughRunsPipedTests {
    let home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
    let course: TemporaryDirectory

    init() throws {
      course = try TemporaryDirectory(files: LessonFixtures.validCourse)
    }

    @Test func aPipedSessionSavesTheLastRunAndReplaysIt() async throws {
      let file = home.path + "-run.jsonl"
      defer {
        try? FileManager.default.removeItem(atPath: file)
        try? FileManager.default.removeItem(at: home)
      }
      let result = try await GatherlabProcess(
        ["--lessons", course.path, "--speed", "20"],
        environment: ["GATHERLAB_HOME": home.path],
        standardInput: "replay\nrun ordering\nsave \(file)\nreplay\n"
      ).run()
      #expect(result.status == .exited(0))
      let output = result.standardOutput
      #expect(output.contains("Nothing to replay yet: 'run' a demo first.\n"))
      #expect(output.contains("Saved 'run ordering' to"))
      #expect(output.contains("ordering · delays=3,1,2 · replay ×20\n"))
      let recording = try Recording.read(path: file)
      #expect(recording.header.command == ["gatherlab", "run", "ordering"])
      #expect(recording.run?.demo == "ordering")
      #expect(recording.recordedOutcome == "returned")
    }

    /// At a terminal, Ctrl-C stops `replay` and the session is back at its prompt; `step` reads
    /// single keys and `q` leaves it. (InterruptRoundsTests stops twenty replays in a row.)
    @Test func atATerminalCtrlCStopsAReplayAndQLeavesStep() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let terminal = try PseudoTerminal.gatherlab(
        ["--lessons", course.path, "--speed", "2"], environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: 80
      )
      let prompt = "gatherlab 1/3 what-is-gather 1/"
      try await terminal.waitFor(prompt)
      var mark = terminal.mark()
      try terminal.write("run ordering\r")
      try await terminal.waitFor("Summary", after: mark)
      try await terminal.waitFor(prompt, after: mark)

      mark = terminal.mark()
      try terminal.write("replay\r")
      try await terminal.waitFor("[0] A", after: mark)
      try terminal.write("\u{03}")
      try await terminal.waitFor("Replay stopped.", after: mark)
      try await terminal.waitFor(prompt, after: mark)

      mark = terminal.mark()
      try terminal.write("step\r")
      try await terminal.waitFor("started", after: mark)
      try terminal.write("q")
      try await terminal.waitFor(prompt, after: mark)
      #expect(terminal.screen.cursorVisible)

      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    /// `compare` and `trace` at the prompt under real CPython; Ctrl-C stops a compare, before a
    /// trace and after one, and the session goes on. On the course gatherlab ships: its Python
    /// programs are traced without asking (a `--lessons` course's are not). The prompt is matched
    /// without the lesson count.
    @Test(.enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH"))
    func atATerminalCompareAndTraceRunUnderCPythonAndCtrlCStopsACompare() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let terminal = try PseudoTerminal.gatherlab(["--speed", "2"], environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: 80)
      let prompt = " what-is-gather 1/"
      try await terminal.waitFor("[y/N] ")  // the first start's one question
      try terminal.write("y")  // one key answers it
      try await terminal.waitFor(prompt)
      var mark = terminal.mark()
      try terminal.write("compare ordering\r")
      try await terminal.waitFor("CPython", after: mark, timeout: .seconds(20))
      try terminal.write("\u{03}")
      try await terminal.waitFor("Compare stopped.", after: mark)
      try await terminal.waitFor(prompt, after: mark)

      mark = terminal.mark()
      try terminal.write("trace\r")
      try await terminal.waitFor("exited normally", after: mark, timeout: .seconds(20))
      try await terminal.waitFor(prompt, after: mark)

      mark = terminal.mark()
      try terminal.write("compare ordering\r")
      try await terminal.waitFor("CPython", after: mark, timeout: .seconds(20))
      try terminal.write("\u{03}")
      try await terminal.waitFor("Compare stopped.", after: mark)
      try await terminal.waitFor(prompt, after: mark)

      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }
}
