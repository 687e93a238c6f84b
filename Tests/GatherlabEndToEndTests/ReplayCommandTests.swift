import Foundation
import Testing

/// `--record`, `replay` and `export` as a teacher uses them: the real binary, files in a
/// directory of the test's own, the step mode in a pseudo-terminal.
extension EndToEnd {
  @Suite(.timeLimit(.minutes(2)))
  struct ReplayCommandTests {
    let directory: URL

    init() throws {
      directory = FileManager.default.temporaryDirectory.appending(path: "gatherlab-replay-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { directory.appending(path: name).path }

    /// `run error-cancel mode=gather --json --speed 20 --record FILE`; returns what it printed.
    func record(_ name: String = "class.jsonl") async throws -> String {
      let result = try await GatherlabProcess(["run", "error-cancel", "mode=gather", "--json", "--speed", "20", "--record", path(name)]).run()
      #expect(result.status == .exited(0), "stderr: \(result.standardError)")
      return result.standardOutput
    }

    @Test func aRecordedRunReplaysAsTheSameJSONLines() async throws {
      let printed = try await record()
      let recorded = try String(contentsOfFile: path("class.jsonl"), encoding: .utf8)
      let lines = recorded.split(separator: "\n").map(String.init)
      let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
      #expect(header["type"] as? String == "recording")
      #expect(header["version"] as? Int == 1)
      #expect(header["command"] as? [String] == [
        "gatherlab", "run", "error-cancel", "mode=gather", "--json", "--speed", "20", "--record", path("class.jsonl"),
      ])
      #expect(header["columns"] is Int && header["rows"] is Int)
      #expect(lines.dropFirst().joined(separator: "\n") + "\n" == printed)

      let replay = try await GatherlabProcess(["replay", path("class.jsonl"), "--json"]).run()
      #expect(replay.status == .exited(0))
      #expect(replay.standardOutput == printed)
    }

    @Test func aPipedReplayPrintsOneLinePerEventAndTheSummary() async throws {
      _ = try await record()
      let replay = try await GatherlabProcess(["replay", path("class.jsonl"), "--speed", "50"]).run()
      #expect(replay.status == .exited(0))
      let lines = replay.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      #expect(lines.first == "error-cancel · delays=2,2 · fail-at=1 · mode=gather · replay ×50")
      #expect(lines.contains { $0.hasSuffix("[0] A  failed 1st  A failed") })
      #expect(lines.contains("Summary"))
      #expect(!replay.standardOutput.contains("\u{1B}"))
    }

    @Test func anInterruptedRunLeavesACompleteRecordingThatSaysSo() async throws {
      let result = try await GatherlabProcess(["run", "timeout", "--record", path("stopped.jsonl")])
        .run(interrupting: .whenStandardOutputContains("finished"))
      #expect(result.status == .exited(130))
      let lines = try String(contentsOfFile: path("stopped.jsonl"), encoding: .utf8).split(separator: "\n")
      let lastLine = try #require(lines.last)
      let last = try #require(try JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any])
      #expect(last["type"] as? String == "result")
      #expect(last["outcome"] as? String == "interrupted")
      let replay = try await GatherlabProcess(["replay", path("stopped.jsonl"), "--speed", "100"]).run()
      #expect(replay.status == .exited(0))
      #expect(replay.standardOutput.contains("outcome     interrupted (Ctrl-C)"))
    }

    @Test func anUnwritableRecordingStopsTheRunBeforeItStarts() async throws {
      let result = try await GatherlabProcess(["run", "ordering", "--record", "/nonexistent/dir/class.jsonl"]).run()
      #expect(result.status == .exited(73))
      #expect(result.standardOutput == "")
      #expect(result.standardError == "Error: Cannot write '/nonexistent/dir/class.jsonl': no such file or directory.\n")
    }

    @Test func badRecordingsAreRefusedWithFileAndLine() async throws {
      try "".write(toFile: path("empty.jsonl"), atomically: true, encoding: .utf8)
      try "hello\n".write(toFile: path("text.jsonl"), atomically: true, encoding: .utf8)
      let empty = try await GatherlabProcess(["replay", path("empty.jsonl")]).run()
      #expect(empty.status == .exited(65))
      #expect(empty.standardError == path("empty.jsonl") + ":1: the file is empty, not a recording (make one with gatherlab run DEMO --record FILE)\n")
      let text = try await GatherlabProcess(["export", path("text.jsonl"), "--to", "svg"]).run()
      #expect(text.status == .exited(65))
      #expect(text.standardError.hasPrefix(path("text.jsonl") + ":1: not a gatherlab recording"))
      let missing = try await GatherlabProcess(["replay", path("missing.jsonl")]).run()
      #expect(missing.status == .exited(66))
      #expect(missing.standardError == "Error: Cannot read the recording '\(path("missing.jsonl"))': no such file or directory.\n")
    }

    @Test func exportsGoNextToTheRecordingUnlessToldOtherwise() async throws {
      _ = try await record()
      for (format, name) in [("svg", "class.svg"), ("cast", "class.cast"), ("trace", "class.trace.json")] {
        let result = try await GatherlabProcess(["export", path("class.jsonl"), "--to", format]).run()
        #expect(result.status == .exited(0), "stderr: \(result.standardError)")
        #expect(result.standardOutput == "Wrote \(path(name)).\n")
        #expect(FileManager.default.fileExists(atPath: path(name)))
      }
      let svg = try String(contentsOfFile: path("class.svg"), encoding: .utf8)
      #expect(svg.hasPrefix(#"<?xml version="1.0" encoding="UTF-8"?>"#))
      let unwritable = try await GatherlabProcess(["export", path("class.jsonl"), "--to", "svg", "-o", "/nonexistent/x.svg"]).run()
      #expect(unwritable.status == .exited(73))
      #expect(unwritable.standardError == "Error: Cannot write '/nonexistent/x.svg': no such file or directory.\n")
    }

    @Test func stepModeStopsGoesOnGoesBackQuitsAndRestoresTheTerminal() async throws {
      _ = try await record()
      // The shell prints the terminal's settings after gatherlab exits: raw mode must be gone.
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "\"$0\" replay \"$1\" --step; echo \"exit=$?\"; stty -a", try GatherlabBinary.url.path, path("class.jsonl")],
        rows: 20,
        columns: 40
      )
      defer { terminal.close() }
      try await terminal.waitFor("step 1/3")
      // The stop's line may reach the screen a moment after its counter; the three tasks start
      // at one instant, so the line names them (as the rows do) in the order the recorded run
      // logged them.
      try await terminal.waitForScreen("the first stop") { screen in
        screen.text.split(separator: "\n").contains { line in
          line.contains(" started") && ["[0] A", "[1] B", "[2] C"].allSatisfy { line.contains($0) }
        }
      }
      var mark = terminal.mark()
      try terminal.write(" ")
      try await terminal.waitFor("step 2/3", after: mark)
      try await terminal.waitForScreen("the failure's stop") { $0.text.contains("[0] A failed; error reached the") }
      mark = terminal.mark()
      try terminal.write("\r")
      try await terminal.waitFor("step 3/3", after: mark)
      mark = terminal.mark()
      try terminal.write("b")
      try await terminal.waitFor("step 2/3", after: mark)
      mark = terminal.mark()
      try terminal.write("q")
      let settings = try await terminal.waitFor("exit=0", after: mark)
      try await terminal.waitFor("icanon", after: mark)
      #expect(settings.contains("\u{1B}[?25h\u{1B}[?1049l"))
      let flags = Set((terminal.output.components(separatedBy: "exit=0").last ?? "").split(whereSeparator: \.isWhitespace).map(String.init))
      #expect(flags.isSuperset(of: ["icanon", "echo", "isig", "icrnl"]))
      #expect(flags.isDisjoint(with: ["-icanon", "-echo", "-isig", "-icrnl"]))
      // The stop it ended on stays on the normal screen.
      #expect(terminal.output.components(separatedBy: "\u{1B}[?1049l").last?.contains("caller; [1] B and [2] C run on as") == true)
      #expect(try await terminal.waitForExit() == .exited(0))
    }

    /// no-color.org: NO_COLOR removes color and nothing else. `replay --step` still stops at
    /// each event and reads keys (it printed every frame at once before), with no color code.
    @Test func noColorKeepsStepKeysAndDropsOnlyColor() async throws {
      _ = try await record()
      let terminal = try PseudoTerminal(
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", "\"$0\" replay \"$1\" --step; echo \"exit=$?\"", try GatherlabBinary.url.path, path("class.jsonl")],
        environment: ["NO_COLOR": "1"],
        rows: 20,
        columns: 40
      )
      defer { terminal.close() }
      try await terminal.waitFor("step 1/3")
      var mark = terminal.mark()
      try terminal.write(" ")
      try await terminal.waitFor("step 2/3", after: mark)
      mark = terminal.mark()
      try terminal.write("q")
      try await terminal.waitFor("exit=0", after: mark)
      #expect(!terminal.output.contains("step 3/3"))
      // Cursor movement, but no SGR color: no ESC [ … m other than the reset.
      #expect(terminal.output.contains("\u{1B}[?1049h"))
      #expect(!terminal.output.contains("\u{1B}[3"))
      #expect(try await terminal.waitForExit() == .exited(0))
    }
  }
}
