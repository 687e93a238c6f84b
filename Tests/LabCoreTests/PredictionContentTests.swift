import LabCore
import Testing
import TestSupport

/// The course's predictions checked against the runs that decide them (issue 11 §3): a lesson's
/// `expect` is what its run really gives — demos on a test clock through the path `gatherlab run`
/// takes, Python programs under python3 — so a lesson cannot drift from the code.
/// Its time limit is a hang guard for a case that may first wait for one of the four Python
/// slots it shares with `LessonContentTests`; each program has its own 30 s limit
/// (`PythonProgramRunner`). At load 45–69 cases queued past the 3 minutes it had.
@Suite(.timeLimit(.minutes(10))) struct PredictionContentTests {
  struct Item: CustomTestStringConvertible, Sendable {
    let lesson: Lesson
    let prediction: Prediction
    var testDescription: String { "\(lesson.fileName):\(prediction.line) \(prediction.id)" }
  }

  static let lessons = LessonContentTests.catalog?.lessons ?? []

  static func items(in lessons: [Lesson]) -> [Item] {
    lessons.flatMap { lesson in
      PredictionParser.predictions(in: lesson).predictions.map { Item(lesson: lesson, prediction: $0) }
    }
  }

  static let course = items(in: lessons)
  static let fixture = items(in: [PredictionFixtures.lesson])
  static let python3 = LessonContentTests.python3

  @Test func theCourseHasAtLeastFifteenPredictionsAndUsesEveryKind() {
    #expect(Self.course.count >= 15, "the course has \(Self.course.count) predictions")
    let unused = PredictionKind.allCases.filter { kind in !Self.course.contains { $0.prediction.kind == kind } }
    #expect(unused == [], "no prediction asks for these kinds")
  }

  @Test func everyPredictBlockOfTheCourseCanBeRead() {
    #expect(Self.lessons.flatMap { PredictionParser.predictions(in: $0).problems.map(\.description) } == [])
  }

  @Test(arguments: (course + fixture).filter { $0.prediction.kind.isReadFromDemo })
  func aDemoRunGivesWhatTheLessonExpects(_ item: Item) async throws {
    guard case .demo(let id, let arguments) = item.prediction.source else {
      Issue.record("\(item.testDescription) does not run a demo")
      return
    }
    let report = try await DemoHarness().run(id, arguments).report
    let observation = try #require(PredictionObservation(kind: item.prediction.kind, report: report), "\(item.testDescription)")
    switch (observation.value, item.prediction.expect) {
    case (.seconds(let ran), .seconds(let expected)):
      // A test clock gives the nominal time: the lesson states it, not an approximation.
      #expect(abs(ran - expected) <= 0.01, "\(item.testDescription): the run took \(ran) s")
    default:
      #expect(observation.value == item.prediction.expect, "\(item.testDescription): the run gave \(observation.value.text)")
    }
  }

  /// A choice question under one CPython: the lesson's answer holds on each 3.11+ the machine has.
  struct ChoiceRun: CustomTestStringConvertible, Sendable {
    let item: Item
    let python: LessonContentTests.Interpreter
    var testDescription: String { "\(item.testDescription) on \(python.testDescription)" }
  }

  static let choiceRuns = (course + fixture).filter { $0.prediction.kind == .choice }.flatMap { item in
    LessonContentTests.interpreters.map { ChoiceRun(item: item, python: $0) }
  }

  @Test(
    .enabled(if: !LessonContentTests.interpreters.isEmpty, "no CPython 3.11+ is installed: the Python predictions are not checked"),
    arguments: choiceRuns
  )
  func thePythonProgramsOutputSelectsTheOptionTheLessonExpects(_ run: ChoiceRun) async throws {
    let item = run.item, python3 = run.python.path
    let program = try #require(
      PredictionParser.pythonProgram(for: item.prediction, in: item.lesson), "\(item.testDescription) has no program")
    let result = try await LessonContentTests.pythonSlots.withPermit {
      await PythonProgramRunner(executable: python3).run(program: program.code)
    }
    guard case .ran = result else {
      Issue.record("\(item.testDescription): \(result)")
      return
    }
    switch PredictionObservation.choice(options: item.prediction.options, output: result.lines) {
    case .success(let observation):
      #expect(
        observation.value == item.prediction.expect,
        "\(item.testDescription): the output selects \(observation.value.text): \(observation.evidence ?? "")")
    case .failure(let undecided):
      Issue.record("\(item.testDescription): \(undecided) Output:\n\(result.lines.joined(separator: "\n"))")
    }
  }
}
