import Foundation
import TestSupport
import Testing

/// Ctrl-C, many times over, where it used to be lost: a SIGINT that a thread with it unblocked
/// took (libdispatch's parked main thread once the async main has suspended; swift-subprocess's
/// monitor thread while a child runs) ran a handler that dropped it. Each round would fail on its
/// own, so many rounds make a lost Ctrl-C show every time instead of now and then (before the fix
/// a prompt replay lost 5 to 13 Ctrl-Cs of every 12 to 20).
extension EndToEnd {
  @Suite(.timeLimit(.minutes(3)))
  struct InterruptRoundsTests {
    let home: URL

    init() throws {
      home = FileManager.default.temporaryDirectory.appending(path: "gatherlab-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
    }

    /// Twenty replays at the prompt, each stopped by Ctrl-C once it draws; had one Ctrl-C been
    /// lost, that replay would run to its end and "Replay stopped." would never come.
    @Test func ctrlCStopsEveryReplayAtThePrompt() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let terminal = try PseudoTerminal.gatherlab(["--speed", "1"], environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: 80)
      defer { terminal.close() }
      let prompt = "gatherlab 1/20 what-is-gather 1/"
      try await terminal.waitFor("[y/N] ")  // the first start's one question
      try terminal.write("y")  // one key answers it
      try await terminal.waitFor(prompt)
      try await Self.replaysStoppedByCtrlC(terminal, prompt: prompt, rounds: 20)
      #expect(terminal.screen.cursorVisible)
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    /// A course of one lesson whose Python program prints, then sleeps 30 s; the lesson's id is
    /// unique, so its traced program is found by name in the process list.
    func sleepyCourse() throws -> (lessons: URL, id: String) {
      let id = "sleepy-\(UUID().uuidString.lowercased())"
      let lessons = home.appending(path: "lessons")
      try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
      let text = """
        ---
        id: \(id)
        title: A program that waits
        section: Waiting
        ---
        It prints, then waits.

        ```python
        import asyncio

        async def wait():
            print("waiting", flush=True)
            await asyncio.sleep(30)

        asyncio.run(wait())
        ```

        """
      try Data(text.utf8).write(to: lessons.appending(path: "01-\(id).md"))
      return (lessons, id)
    }

    /// `trace` at the prompt stopped by Ctrl-C five times (the program gone each time, the
    /// terminal as it was: the typed line echoes, the cursor shows), and after those traces,
    /// which leave swift-subprocess's monitor thread behind, Ctrl-C still stops ten replays.
    @Test(.enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH"))
    func ctrlCStopsATraceAtThePromptAndEveryReplayAfterIt() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let course = try sleepyCourse()
      let terminal = try PseudoTerminal.gatherlab(
        ["--lessons", course.lessons.path, "--speed", "1"], environment: ["GATHERLAB_HOME": home.path], rows: 200, columns: 80
      )
      defer { terminal.close() }
      let prompt = "gatherlab 1/1 \(course.id) 1/1 › "
      try await terminal.waitFor(prompt)

      for round in 0..<5 {
        var mark = terminal.mark()
        try terminal.write("trace\r")
        if round == 0 {
          try await terminal.waitFor("Run them with python3 this session? [y/N] ", after: mark)
          mark = terminal.mark()
          try terminal.write("y\r")
        }
        try await terminal.waitFor("waiting", after: mark, timeout: .seconds(20))
        try terminal.write("\u{03}")
        try await terminal.waitFor("Trace stopped.", after: mark)
        try await terminal.waitFor(prompt, after: mark)
        #expect(try await Self.processes(containing: course.id) == [], "round \(round): the traced python3 is still running")
      }
      let mark = terminal.mark()
      try terminal.write("hello there")
      try await terminal.waitFor("hello there", after: mark)
      try terminal.write("\u{03}")
      try await terminal.waitFor(prompt, after: mark)
      #expect(terminal.screen.cursorVisible)

      try await Self.replaysStoppedByCtrlC(terminal, prompt: prompt, rounds: 10)
      try terminal.write("quit\r")
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    /// `gatherlab trace` at a terminal, Ctrl-C as soon as the program prints, five times: exit
    /// 130, the program's own KeyboardInterrupt as python3 would print it at a terminal (the
    /// Ctrl-C reaches it), no python3 left, the cursor shown again.
    @Test(.enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH"))
    func ctrlCStopsTraceAtATerminalEveryTimeAndLeavesNothingBehind() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let marker = "gatherlab-ctrl-c-\(UUID().uuidString)"
      let path = home.appending(path: "\(marker).py").path
      try Data("import asyncio\nasync def wait():\n    print('waiting', flush=True)\n    await asyncio.sleep(30)\nasyncio.run(wait())\n".utf8)
        .write(to: URL(fileURLWithPath: path))
      for round in 0..<5 {
        let terminal = try PseudoTerminal.gatherlab(["trace", path], rows: 24, columns: 80)
        defer { terminal.close() }
        try await terminal.waitFor("waiting", timeout: .seconds(20))
        try terminal.write("\u{03}")
        #expect(try await terminal.waitForExit() == .exited(130), "round \(round)")
        #expect(terminal.output.contains("KeyboardInterrupt"), "round \(round): the program's own Ctrl-C")
        #expect(terminal.screen.cursorVisible, "round \(round)")
        #expect(try await Self.processes(containing: marker) == [], "round \(round): the traced python3 is still running")
      }
    }

    /// A SIGINT at the very first line `run timeout --record` prints, twenty times: each run
    /// stops at once with exit 130 and a recording whose result says it was interrupted (the
    /// first run of a process used to have a window in which the signal went to a handler that
    /// dropped it, before libdispatch had read it even once).
    @Test func aSigintAtTheFirstLineOfARecordedRunStopsItEveryTime() async throws {
      defer { try? FileManager.default.removeItem(at: home) }
      let file = home.appending(path: "stopped.jsonl").path
      for round in 0..<20 {
        let started = ContinuousClock.now
        let result = try await GatherlabProcess(["run", "timeout", "--record", file], timeout: .seconds(20))
          .run(interrupting: .whenStandardOutputContains("timeout · "))
        #expect(result.sentInterrupt, "round \(round)")
        #expect(result.status == .exited(130), "round \(round)")
        // The demo takes 5 s when nothing stops it.
        #expect(ContinuousClock.now - started < .seconds(4), "round \(round)")
        let lastLine = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").last ?? ""
        let last = try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any]
        #expect(last?["outcome"] as? String == "interrupted", "round \(round)")
      }
    }

    /// At the prompt, `run ordering`, then `rounds` replays, each stopped by Ctrl-C once it
    /// draws: the replay lasts 3 s, and a Ctrl-C acted on stops it at once.
    static func replaysStoppedByCtrlC(_ terminal: PseudoTerminal, prompt: String, rounds: Int) async throws {
      var mark = terminal.mark()
      try terminal.write("run ordering\r")
      try await terminal.waitFor("Summary", after: mark, timeout: .seconds(20))
      try await terminal.waitFor(prompt, after: mark)
      for _ in 0..<rounds {
        mark = terminal.mark()
        try terminal.write("replay\r")
        try await terminal.waitFor("[0] A", after: mark)
        try terminal.write("\u{03}")
        try await terminal.waitFor("Replay stopped.", after: mark, timeout: .seconds(8))
        try await terminal.waitFor(prompt, after: mark)
      }
    }

    /// The command lines of running processes that contain `text` (ps itself excluded).
    static func processes(containing text: String) async throws -> [String] {
      func matching() async throws -> [String] {
        let listed = try await GatherlabProcess(executable: URL(fileURLWithPath: "/bin/ps"), ["-eo", "args"]).run()
        return listed.standardOutput.split(separator: "\n").map(String.init).filter { $0.contains(text) && !$0.hasPrefix("/bin/ps") }
      }
      // A killed python3 can take a moment to go.
      for _ in 0..<20 {
        if try await matching().isEmpty { return [] }
        try await Task.sleep(for: .milliseconds(100))
      }
      return try await matching()
    }
  }
}
