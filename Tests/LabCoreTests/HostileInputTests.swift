import Foundation
import LabCore
import LabTerminal
import PropertyBased
import TestSupport
import Testing

/// Input from a careless or hostile user: parameters, state files, lesson files and lines at the
/// prompt that are wrong in every way we could think of. Each must end in a sentence, never in a
/// trap (which would end this test process).
@Suite(.timeLimit(.minutes(2)))
struct HostileInputTests {
  /// Words that have broken number parsers somewhere.
  static let nastyWords = [
    "nan", "NaN", "inf", "-inf", "infinity", "1e308", "-1e308", "1e-308", "-0", "0", "-1", "", " ", "0x10", "1_000",
    "9223372036854775808", "99999999999999999999", "３", "٣", "1.5.2", "1s", "2 s", "s", "\u{0}", "\u{FFFD}", "😀", "gather",
    "taskgroup", "window", "none", "12", "100", "30", "0.001", "1e2",
  ]

  static let word = Gen<String?>.element(of: nastyWords).map { $0 ?? "" }
  /// Lists of nasty words, empty items included: "", ",", "nan,1", "1,,2".
  static let value = word.array(of: 0...4).map { $0.joined(separator: ",") }

  @Test(arguments: DemoRegistry.standard.ids)
  func anyParameterValueIsAcceptedOrRefusedWithASentence(demo id: String) async throws {
    let demo = try #require(DemoRegistry.standard.demo(id: id))
    let names = demo.parameterNames + ["", "=", "x"]
    await propertyCheck(count: 60, input: Gen<String?>.element(of: names).map { $0 ?? "" }, Self.value) { name, value in
      do {
        let launch = try DemoLaunch(demo: id, arguments: ["\(name)=\(value)"], speed: .normal)
        let plan = launch.demo.plan(resolved: launch.parameters)
        #expect(!plan.tasks.isEmpty)
      } catch let error as DemoLaunchError {
        #expect(error.description.hasSuffix("."))
        #expect(!error.description.contains("\n"))
      }
    }
  }

  @Test(arguments: [
    ("ordering", "delays=nan"), ("ordering", "delays=inf"), ("ordering", "delays=1e308"), ("ordering", "delays=-0,1"),
    ("ordering", "delays="), ("ordering", "delays=,"), ("ordering", "delays=1,,2"), ("ordering", "=1"),
    ("ordering", "delays"), ("ordering", "delays==1"), ("error-cancel", "fail-at=-0"), ("error-cancel", "mode="),
    ("semaphore", "tasks=-0"), ("semaphore", "limit=1e308"), ("sequential", "count=0x10"),
  ])
  func theNumbersThatBreakParsersAreRefusedOrRunToTheirEnd(demo: String, argument: String) async throws {
    do {
      let launch = try DemoLaunch(demo: demo, arguments: [argument], speed: .normal)
      // What is accepted ("-0" is a valid zero) runs to its end on a test clock.
      let (_, report) = try await DemoHarness().run(launch)
      #expect(report.outcome != .interrupted)
    } catch let error as DemoLaunchError {
      #expect(error.description.hasSuffix("."))
    }
  }

  // MARK: - State files

  static let jsonValue = Gen<String?>.element(of: [
    "null", "[]", "{}", "7", "-1", "0", "1e308", "-1e308", "1e400", "2", "1", "\"x\"", "\"nan\"", "true", "[1,\"a\"]",
    "{\"a\":1}", "\"results-order\"", "[\"what-is-gather\"]", "99999999999999999999999",
  ]).map { $0 ?? "null" }
  static let key = Gen<String?>.element(of: ["version", "current", "completed", "speed", "predictions", "part", "predict", ""])
    .map { $0 ?? "" }
  @Test func anyStateFileShapeLoadsOrIsSetAsideWithOneWarning() async throws {
    await propertyCheck(count: 150, input: Gen.bool, Self.key.array(of: 0...6), Self.jsonValue.array(of: 10)) {
      nearlyValid, keys, values in
      let allKeys = (nearlyValid ? ["version", "current", "completed", "speed"] : []) + keys
      let members = zip(allKeys, values).map { "\"\($0)\":\($1)" }
      let text = "{" + members.joined(separator: ",") + "}"
      let directory = try TemporaryDirectory(files: ["progress.json": text])
      let result = FileProgressStore(directory: directory.path).load()
      if let progress = result.progress {
        #expect(DemoSpeed.range.contains(progress.speed), "\(text)")
      } else if result.warning?.contains("comes from a newer gatherlab") == true {
        // A newer version's file stays where it is, as it was.
        #expect(FileManager.default.contents(atPath: directory.path + "/progress.json") == Data(text.utf8), "\(text)")
      } else {
        #expect(result.warning?.contains("is not valid progress data") == true, "\(text)")
      }
    }
  }

  @Test func randomBytesInTheStateFileAreSetAsideWithOneWarning() async throws {
    await propertyCheck(count: 200, input: Gen<UInt8>.uint8().array(of: 0...64)) { bytes in
      let directory = try TemporaryDirectory()
      try directory.write("progress.json", Data(bytes))
      let result = FileProgressStore(directory: directory.path).load()
      #expect(result.progress == nil)
      #expect(result.warning?.contains("is not valid progress data") == true)
    }
  }

  // MARK: - Lesson files

  @Test func everyTruncationOfALessonLoadsOrReportsAProblem() throws {
    let text = LessonFixtures.resultsOrder
    var cut = text.startIndex
    while cut < text.endIndex {
      let result = LessonLoader.load(LessonFile(name: "02-results-order.md", text: String(text[..<cut])))
      #expect(result.lesson != nil || !result.problems.isEmpty)
      cut = text.index(after: cut)
    }
  }

  @Test func aLessonFileThatIsNotUTF8IsAnUnreadableFile() throws {
    let directory = try TemporaryDirectory()
    try directory.write("01-bad.md", Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0xFE, 0xC3, 0x28, 0x0A]))
    #expect(throws: LessonCatalogError.self) { try LessonCatalog.load(from: .directory(directory.path)) }
  }

  @Test func aMegabyteLineLoadsAndParses() throws {
    let line = String(repeating: "gather ", count: 150_000)
    let text = LessonFixtures.lesson(["id: huge", "title: Huge", "section: Huge"], body: line + "\n\n```python\n" + line + "\n```\n")
    let lesson = try #require(LessonLoader.load(LessonFile(name: "01-huge.md", text: text)).lesson)
    #expect(lesson.document.blocks.count == 2)
  }

  /// Rendering costs about 5 µs a byte in release (a 1 MB line: 4.5 s), ten times that in debug:
  /// a long line is wrapped, never cut or overflowing, in time linear in its length.
  @Test func aLongLineIsWrappedWithinTheWidth() throws {
    let line = String(repeating: "gather ", count: 5_000) + String(repeating: "x", count: 5_000)
    let text = LessonFixtures.lesson(["id: long", "title: Long", "section: Long"], body: line + "\n\n```python\n" + line + "\n```\n")
    let lesson = try #require(LessonLoader.load(LessonFile(name: "01-long.md", text: text)).lesson)
    let lines = LessonRenderer(width: 60, color: false).lines(for: lesson, total: 1)
    #expect(lines.allSatisfy { $0.displayWidth <= 60 })
    #expect(lines.count > 1_000)
  }

  @Test func arbitraryMarkdownNeverTrapsTheParserOrTheRenderer() async throws {
    let piece = Gen<String?>.element(of: [
      "# ", "## ", "```", "```python", "|", "| a | b |", "|---|", "- ", "1. ", "> ", "**", "_", "`", "[x](", ")", "\n", "\n\n",
      "\t", "é", "😀", "\u{0}", "\u{202E}", "<div>", "---", "    code", "\\", "*", "~~~",
    ]).map { $0 ?? "" }
    await propertyCheck(count: 300, input: piece.array(of: 0...40)) { pieces in
      let document = MarkdownParser.parse(pieces.joined(), firstLine: 1)
      let lines = MarkdownRenderer(width: 40, color: true).lines(for: document)
      #expect(lines.allSatisfy { $0.displayWidth <= 40 })
    }
  }

  // MARK: - The prompt

  @MainActor
  @Test func anyLineAtThePromptIsACommandOrOneSentence() async throws {
    let catalog = try LessonCatalog.load(
      files: LessonFixtures.validCourse.sorted { $0.key < $1.key }.map { LessonFile(name: $0.key, text: $0.value) }
    )
    let bytes = Gen<UInt8>.uint8().array(of: 0...40).map { String(decoding: $0, as: UTF8.self) }
    let commands = Gen<String?>.element(of: [
      "goto", "goto 0", "goto -1", "goto 99999999999999999999", "speed nan", "speed inf", "speed -0", "speed 1e308",
      "back", "next", "code", "code ordering", "demos", "list", "help", "show", "restart", "n", "run ordering delays=,",
      "run semaphore tasks=0", "run ordering speed=0",
    ]).map { $0 ?? "" }
    await propertyCheck(count: 10, input: Gen<String>.oneOf(bytes, commands).array(of: 1...8)) { lines in
      let console = RecordingConsole(capabilities: .plain(width: 40))
      let walkthrough = Walkthrough(
        catalog: catalog,
        store: MemoryProgressStore(),
        console: console,
        reader: ScriptedLineReader(lines.filter(Self.neitherRunsADemoNorRestarts) + ["quit"], interactive: false),
        player: RefusingDemoPlayer(),
        keys: ScriptedKeyReader()
      )
      await walkthrough.run()
      #expect(console.output.contains("Lesson 1/3"))
    }
  }

  /// The lines this property leaves out, as the prompt reads them: `run` and its alias `r` (a
  /// random line of bytes can be "r", which ran a demo under a fresh-clone `make test`), and
  /// `restart`.
  static func neitherRunsADemoNorRestarts(_ line: String) -> Bool {
    switch WalkthroughCommand.parse(line) {
    case .success(.run), .success(.restart): false
    default: true
    }
  }
}

/// A player for tests that must not run demos.
struct RefusingDemoPlayer: DemoPlaying {
  func play(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoReport {
    Issue.record("no demo should run here")
    return await DemoPlayback(console: RecordingConsole(), mode: .lines).play(demo, parameters: parameters)
  }
}
