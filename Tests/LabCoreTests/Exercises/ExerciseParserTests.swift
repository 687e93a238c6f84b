import Foundation
import LabCore
import Testing

@Suite struct ExerciseParserTests {
  static let markdown = """
    ---
    id: checkout-receipt
    lesson: errors-default
    title: No receipt for a declined card
    checks:
      cancelled: [send_receipt]
      within: 0.1
      running: ">= 3"
      existing: "<= 6"
      orphans: none
      schedules: 20
    hints:
      - "one"
      - "two"
    ---
    Make the receipt not go out.
    """

  @Test func anExerciseReadsItsChecksHintsAndTask() throws {
    let exercise = try ExerciseParser.parse(
      directory: "05-checkout-receipt", markdown: Self.markdown, starter: "\"\"\"Exercise: do it.\n\nMore.\n\"\"\"\nimport asyncio\n", solution: "x", file: "e.md"
    ).get()
    #expect(exercise.number == 5)
    #expect(exercise.fileName == "05-checkout-receipt.py")
    #expect(exercise.checks == [.running(.atLeast(3)), .existing(atMost: 6), .noOrphans, .cancelled(["send_receipt"], within: 0.1)])
    #expect(exercise.schedules == 20)
    #expect(exercise.hints == ["one", "two"])
    #expect(exercise.task == "Exercise: do it.\n\nMore.")
  }

  /// Lessons and exercises share one splitter: an indented `---` inside a block scalar is YAML,
  /// not the closing fence, and YAML's `...` closes the header as `---` does.
  @Test func anIndentedFenceInABlockScalarStaysInTheHintAndDotsCloseTheHeader() throws {
    let markdown = """
      ---
      id: checkout-receipt
      lesson: errors-default
      title: No receipt
      checks:
        orphans: none
      hints:
        - |
          The output has a rule:
          ---
          under the title.
        - "two"
      ...
      Make the receipt not go out.
      """
    let exercise = try ExerciseParser.parse(
      directory: "05-checkout-receipt", markdown: markdown, starter: "pass\n", solution: "pass\n", file: "e.md"
    ).get()
    #expect(exercise.hints == ["The output has a rule:\n---\nunder the title.\n", "two"])
    #expect(exercise.body == "Make the receipt not go out.")
    let summaries = ExerciseSummary.read([
      ExerciseCatalog.Files(directory: "05-checkout-receipt", markdown: markdown, starter: nil, solution: nil)
    ])
    #expect(summaries == [ExerciseSummary(number: 5, id: "checkout-receipt", lesson: "errors-default", title: "No receipt")])
  }

  @Test func anEmptyBodyIsReportedOnTheLineAfterTheClosingFence() {
    let markdown = "\u{FEFF}---\r\nid: checkout-receipt\r\nlesson: errors-default\r\ntitle: x\r\nchecks:\r\n  orphans: none\r\nhints: [a]\r\n---\r\n\r\n"
    guard case .failure(let problems) = ExerciseParser.parse(
      directory: "05-checkout-receipt", markdown: markdown, starter: "pass", solution: "pass", file: "e.md"
    ) else {
      Issue.record("parsed")
      return
    }
    #expect(problems.problems.map(\.description) == ["e.md:9: exercise.md says nothing after its front matter: say what to do"])
  }

  @Test func everyProblemIsReportedAtItsLine() {
    let bad = """
      ---
      id: Checkout
      lesson: errors-default
      title: x
      checks:
        runing: ">= 3"
        elapsed: soon
        within: 1
      hint: [a]
      ---
      """
    guard case .failure(let problems) = ExerciseParser.parse(directory: "5-checkout", markdown: bad, starter: nil, solution: "x", file: "e.md") else {
      Issue.record("parsed")
      return
    }
    #expect(problems.problems.map(\.description) == [
      "e.md:1: the directory '5-checkout' is not named NN-id",
      "e.md:1: starter.py is missing beside exercise.md",
      "e.md:6: unknown check 'runing' (did you mean 'running'?)",
      "e.md:7: 'elapsed' must be '<= SECONDS', like '<= 1.5'",
      "e.md:5: 'within' goes with 'cancelled', which is missing",
      "e.md:9: unknown key 'hint' (did you mean 'hints'?)",
      "e.md:1: the front matter has no 'hints'",
      "e.md:1: the id 'Checkout' does not match the directory name '5-checkout'",
      "e.md:1: the id 'Checkout' is not a slug (lowercase letters, digits and '-')",
      "e.md:11: exercise.md says nothing after its front matter: say what to do",
    ])
  }

  /// 08's output names what a tie between its two failures would decide (which errors the group
  /// holds, which image it cancelled): they come from one timer, so no schedule splits them, and
  /// the exercise runs on 20 schedules so that a program right only by luck fails.
  @Test func groupErrorsRunsOnTwentySchedules() throws {
    let catalog = try ExerciseCatalog.load(ExerciseCatalog.embeddedFiles()).get()
    let exercise = try #require(catalog.exercise("group-errors"))
    #expect(exercise.schedules == 20)
    #expect(exercise.solution.contains("await headers"))
  }

  @Test func theBuiltInExercisesLoadAndCoverLessonsTwoToTwelveAndPartTwo() throws {
    let catalog = try ExerciseCatalog.load(ExerciseCatalog.embeddedFiles()).get()
    #expect(catalog.exercises.count >= 21)
    let lessons = Set(catalog.exercises.map(\.lesson))
    for lesson in [
      "sequential-vs-concurrent", "how-it-works", "real-world-examples", "results-order", "errors-default", "return-exceptions",
      "gather-vs-wait", "limiting-concurrency", "performance", "common-mistakes", "best-practices",
      "taskgroup", "cancellation", "deadlines", "finish-order", "background-tasks", "worker-pools", "debugging",
    ] {
      #expect(lessons.contains(lesson), "\(lesson)")
    }
    // Each ends a lesson the course has: an exercise under a lesson id that does not exist is never shown.
    let courseLessons = Set(try LessonCatalog.load(from: .embedded).lessons.map(\.id))
    for exercise in catalog.exercises {
      #expect(courseLessons.contains(exercise.lesson), "\(exercise.id): lesson '\(exercise.lesson)'")
    }
    for exercise in catalog.exercises {
      #expect((2...4).contains(exercise.hints.count), "\(exercise.id)")
      #expect(exercise.task.count > 40, "\(exercise.id)")
    }
  }
}
