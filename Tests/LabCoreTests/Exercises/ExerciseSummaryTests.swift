import Foundation
import LabCore
import LabTerminal
import TestSupport
import Testing

/// `list` and the walkthrough's first prompt read only each exercise's id, lesson and title
/// (start-up); these keep that reading equal to the full parse, and the full parse lazy.
@Suite struct ExerciseSummaryTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  @Test func theSummariesOfEveryBuiltInExerciseEqualTheFullParse() throws {
    let files = ExerciseCatalog.embeddedFiles()
    let full = try ExerciseCatalog.load(files).get().exercises.map(\.summary)
    #expect(full.count >= 21)
    #expect(ExerciseSummary.read(files) == full)
  }

  @Test func theSummariesOfTheExercisesDirectoryReadFromDiskEqualTheFullParse() throws {
    let directory = Self.repository + "/Exercises"
    let files = try #require(ExerciseCatalog.files(in: directory))
    let markdownOnly = try #require(ExerciseCatalog.files(in: directory, markdownOnly: true))
    #expect(markdownOnly.allSatisfy { $0.starter == nil && $0.solution == nil && $0.variants.isEmpty })
    let full = try ExerciseCatalog.load(files).get().exercises.map(\.summary)
    #expect(full.count >= 21)
    #expect(ExerciseSummary.read(markdownOnly) == full)
  }

  static func files(_ markdown: String, directory: String = "01-fixture") -> [ExerciseCatalog.Files] {
    [ExerciseCatalog.Files(directory: directory, markdown: markdown, starter: "pass\n", solution: "pass\n")]
  }

  @Test func quotedFoldedAndCRLFValuesAndNestedKeysReadAsYamsReadsThem() throws {
    let markdown = """
      ---\r
      id: fixture\r
      checks:\r
        running: ">= 2"\r
      lesson: "what-is-gather"\r
      title: >-\r
        Keep the results: in order,\r
        all of them\r
      hints:\r
        - "id: a hint"\r
      ---\r
      Body.\r
      """
    let expected = ExerciseSummary(number: 1, id: "fixture", lesson: "what-is-gather", title: "Keep the results: in order, all of them")
    #expect(ExerciseSummary.read(Self.files(markdown)) == [expected])
    // And the full parse agrees, field by field.
    let full = try ExerciseCatalog.load(Self.files(markdown)).get().exercises.map(\.summary)
    #expect(full == [expected])
  }

  @Test func keysNestedUnderAnotherKeyAreNotTheExercises() {
    let markdown = "---\nchecks:\n  id: not-this\n  title: Not this\nid: fixture\nlesson: x\ntitle: T\n---\n"
    #expect(ExerciseSummary.read(Self.files(markdown)) == [ExerciseSummary(number: 1, id: "fixture", lesson: "x", title: "T")])
  }

  @Test func aSetWhoseSummariesCannotBeReadGivesNothingForTheFullParseToExplain() {
    #expect(ExerciseSummary.read(Self.files("---\nid: fixture\nlesson: x\n---\n")) == nil)
    #expect(ExerciseSummary.read(Self.files("id: fixture\nlesson: x\ntitle: T\n")) == nil)
    #expect(ExerciseSummary.read(Self.files("---\nid: fixture\nlesson: x\ntitle: T\n---\n", directory: "fixture")) == nil)
    let twice = Self.files("---\nid: a\nlesson: x\ntitle: T\n---\n", directory: "01-a")
      + Self.files("---\nid: b\nlesson: x\ntitle: T\n---\n", directory: "01-b")
    #expect(ExerciseSummary.read(twice) == nil)
    #expect(ExerciseSummary.read([]) == [])
  }

  @Test func theLoaderParsesOnceAndOnlyWhenAsked() {
    let parses = ParseCounter()
    let exercise = Exercise(number: 1, id: "a", lesson: "x", title: "T", checks: [], hints: ["h"], body: "", starter: "", solution: "")
    let loader = ExerciseCatalogLoader(summaries: [exercise.summary]) {
      parses.add()
      return ExerciseCatalog(exercises: [exercise])
    }
    #expect(loader.summary(forLesson: "x") == exercise.summary)
    #expect(!loader.hasParsed && parses.count == 0)
    #expect(loader.catalog?.exercises == [exercise])
    #expect(loader.catalog?.exercises == [exercise])
    #expect(loader.hasParsed && parses.count == 1)
  }
}

final class ParseCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var value = 0
  func add() { lock.withLock { value += 1 } }
  var count: Int { lock.withLock { value } }
}

/// The walkthrough's first prompt draws the lesson and its parts from the summaries; the full
/// parse waits for the exercise part.
@MainActor
@Suite struct WalkthroughExerciseLoadingTests {
  func session(_ lines: [String?], loader: ExerciseCatalogLoader) async -> RecordingConsole {
    let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 200))
    let walkthrough = Walkthrough(
      catalog: try! LessonCatalog.load(files: PartsFixtures.course), store: MemoryProgressStore(), console: console,
      reader: ScriptedLineReader(lines, interactive: true), player: TestClockDemoPlayer(console: console), keys: ScriptedKeyReader(),
      exerciseLoader: loader, exerciseTools: ScriptedExerciseTools([]),
      now: { Date(timeIntervalSince1970: 1_796_151_600) }, options: .init()
    )
    await walkthrough.run()
    return console
  }

  func loader(_ parses: ParseCounter) -> ExerciseCatalogLoader {
    let exercise = WalkthroughExerciseTests.exercise
    return ExerciseCatalogLoader(summaries: [exercise.summary]) {
      parses.add()
      return ExerciseCatalog(exercises: [exercise])
    }
  }

  @Test func theFirstPromptDoesNotParseTheExercises() async {
    let parses = ParseCounter()
    let console = await session([nil], loader: loader(parses))
    #expect(console.output.contains("Who finishes first"))
    #expect(parses.count == 0)
  }

  /// The part count comes from the summaries: the exercise is still the sixth part.
  @Test func theExercisePartParsesThemOnce() async {
    let parses = ParseCounter()
    let console = await session(["predict off", "", "", "", "", "", "hint", nil], loader: loader(parses))
    #expect(console.output.contains("Exercise: Keep the results in order"))
    #expect(console.output.contains("Hint 1/2: First hint."))
    #expect(parses.count == 1)
  }
}
