import Foundation
import LabCore
import LabTerminal
import TestSupport
import Testing

/// `compare`, `trace [N]`, `save FILE`, `replay` and `step` at the walkthrough prompt, with the
/// executable's tools replaced by a fake.
@MainActor
@Suite(.timeLimit(.minutes(1))) struct WalkthroughRunsTests {
  let catalog: LessonCatalog
  let console = RecordingConsole(capabilities: .plain(width: 80))
  let player: TestClockDemoPlayer
  let tools: FakeWalkthroughTools

  init() throws {
    catalog = try LessonCatalog.load(
      files: LessonFixtures.validCourse.sorted { $0.key < $1.key }.map { LessonFile(name: $0.key, text: $0.value) }
    )
    player = TestClockDemoPlayer(console: console)
    tools = FakeWalkthroughTools(console: console)
  }

  func session(_ lines: [String?], tools: FakeWalkthroughTools? = nil, options: Walkthrough.Options = .init()) async {
    let walkthrough = Walkthrough(
      catalog: catalog, store: MemoryProgressStore(), console: console, reader: ScriptedLineReader(lines),
      player: player, keys: ScriptedKeyReader(), tools: tools ?? self.tools, options: options
    )
    await walkthrough.run()
  }

  func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("walkthrough-runs-\(UUID().uuidString)-\(name)").path
  }

  @Test func replayAndStepWithNothingRunYetSaySoInOneSentence() async {
    await session(["replay", "step", "save x.jsonl"])
    #expect(console.output.contains("Nothing to replay yet: 'run' a demo first.\nNothing to replay yet: 'run' a demo first.\n"))
    #expect(console.output.contains("Nothing to save yet: 'run' a demo first.\n"))
    #expect(tools.calls.isEmpty)
  }

  @Test func saveWritesTheLastRunAsARecordingThatParses() async throws {
    let path = temporaryPath("run.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    await session(["run ordering delays=2,1", "save " + path])
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let recording = try Recording.parse(text, file: path)
    #expect(recording.header == RecordingHeader(command: ["gatherlab", "run", "ordering", "delays=2,1"], columns: 80, rows: 24))
    #expect(recording.run?.demo == "ordering")
    #expect(recording.entries.count == 5)
    #expect(recording.recordedOutcome == "returned")
    let said = console.output.split(separator: "\n").drop { !$0.hasPrefix("Saved") }.prefix(5).joined(separator: " ")
    #expect(said.hasPrefix("Saved 'run ordering delays=2,1' to \(path); 'gatherlab replay \(path)' draws it again."))
  }

  @Test func anUnwritableFileIsOneSentenceAndTheSessionGoesOn() async {
    await session(["run ordering", "save /nonexistent-dir/run.jsonl", "replay"])
    #expect(console.output.contains("Cannot write '/nonexistent-dir/run.jsonl': no such file or directory.\n"))
    #expect(tools.calls == [.replay(demo: "ordering", entries: 7, speed: 1)])
  }

  @Test func replayAndStepGetTheLastRunNotAnEarlierOne() async {
    await session(["run ordering", "run sequential count=2", "replay", "step"])
    #expect(tools.calls == [.replay(demo: "sequential", entries: 12, speed: 1), .step(demo: "sequential", entries: 12)])
  }

  @Test func compareRunsTheLessonsDemoWithItsParametersAndItsRunCanBeSaved() async throws {
    let header = #"{"type":"demo","demo":"ordering","speed":1,"params":{"delays":[3,1,2]},"runtime":"CPython 3.11.7"}"#
    let result = #"{"type":"result","outcome":"returned"}"#
    let tools = FakeWalkthroughTools(console: console, compareLines: [header, result])
    let path = temporaryPath("compare.jsonl")
    defer { try? FileManager.default.removeItem(atPath: path) }
    await session(["goto results-order", "compare", "save " + path], tools: tools)
    #expect(tools.calls == [.compare(demo: "ordering", parameters: "ordering · delays=3,1,2", speed: 1)])
    let recording = try Recording.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
    #expect(recording.header.command == ["gatherlab", "compare", "ordering"])
    #expect(recording.run?.runtime == "CPython 3.11.7")
  }

  @Test func compareWithoutPythonSaysWhyAndTheSessionGoesOn() async {
    let tools = FakeWalkthroughTools(console: console, outcome: .failed("No Python found at 'python3': install python3."))
    await session(["compare ordering", "list"], tools: tools)
    #expect(console.output.contains("No Python found at 'python3': install python3.\n"))
    #expect(console.output.contains("▸ 1  what-is-gather"))
  }

  @Test func compareOfAnUnknownDemoIsOneSentence() async {
    await session(["compare nosuch"])
    #expect(tools.calls.isEmpty)
    #expect(console.output.contains("Unknown demo 'nosuch'"))
  }

  @Test func traceRunsTheLessonsFirstRunnablePythonProgram() async {
    await session(["trace", "trace 1"])
    #expect(tools.calls == [.trace(code: "print(\"hi\")\n", name: "what-is-gather-1.py"), .trace(code: "print(\"hi\")\n", name: "what-is-gather-1.py")])
  }

  @Test(arguments: ["2", "0", "two"]) func traceOutOfRangeSaysHowManyThereAre(number: String) async {
    await session(["trace " + number])
    #expect(tools.calls.isEmpty)
    #expect(console.output.contains("This lesson has one Python program: 'trace' traces it.\n"))
  }

  @Test func traceInALessonWithoutPythonSaysSo() async {
    await session(["goto results-order", "trace"])
    #expect(tools.calls.isEmpty)
    #expect(console.output.contains("This lesson has no Python program to trace; 'gatherlab trace FILE.py' at the\nshell traces your own.\n"))
  }

  @Test func anotherCoursesPythonIsTracedOnlyAfterYes() async {
    await session(["trace", "n", "trace"], options: .init(lessonsDirectory: "/tmp/course"))
    #expect(tools.calls.isEmpty)
    #expect(console.output.contains("The lessons in /tmp/course are not gatherlab's own, so their Python programs\nrun only if you say so.\nTheir Python will not run; the lessons' own answers decide.\n"))
  }

  @Test func anInterruptedReplayReturnsToThePrompt() async {
    let tools = FakeWalkthroughTools(console: console, outcome: .interrupted)
    await session(["run ordering", "replay", "list"], tools: tools)
    #expect(console.output.contains("Replay stopped.\n"))
    #expect(console.output.contains("▸ 1  what-is-gather"))
  }
}
