import Foundation
import LabCore
import LabTerminal
import Testing

/// The course as a learner reads it: the Python-only reading (`--no-swift`) shows no Swift, and
/// no question has its answer on screen before it is asked (issue 23).
@Suite struct LessonReadingTests {
  static let lessons = LessonContentTests.catalog?.lessons ?? []

  static func plainText(_ lesson: Lesson, blocks: [MarkdownBlock]? = nil) -> String {
    LessonRenderer(width: 80, color: false)
      .lines(for: lesson, blocks: blocks ?? lesson.document.blocks, total: lessons.count, opening: blocks == nil)
      .map(\.plainText).joined(separator: "\n")
  }

  @Test func everySwiftBlockOfTheCourseIsInsideAnInSwiftSection() {
    for lesson in Self.lessons {
      for (block, inSwift) in SwiftSections.marked(lesson.document.blocks) where !inSwift {
        let stray = block.selfAndDescendants.filter(SwiftSections.isSwiftCode).map(\.line)
        #expect(stray == [], "\(lesson.fileName): ```swift outside an '## In Swift' section at lines \(stray)")
      }
    }
  }

  @Test func thePythonOnlyReadingShowsNoSwiftBlockSectionOrColumn() {
    #expect(Self.lessons.count >= 19)
    for lesson in Self.lessons {
      let whole = Self.plainText(lesson)
      let python = Self.plainText(lesson.hidingSwift())
      #expect(!python.contains("╭─ swift"), "\(lesson.fileName) shows a Swift block")
      #expect(!python.contains("In Swift"), "\(lesson.fileName) shows a Swift section")
      #expect(!python.contains("Swift group") && !python.contains("Swift (GatherKit"), "\(lesson.fileName) shows a Swift column")
      // Not even the word: lesson 13's title promised a "Python ↔ Swift cheat sheet" it then hid.
      #expect(!python.contains("Swift"), "\(lesson.fileName) names Swift in the Python-only reading")
      #expect(python.count < whole.count, "\(lesson.fileName) has no Swift to hide")
      // The Python side stays whole: every prediction and every Python block.
      #expect(
        PredictionParser.predictions(in: lesson.hidingSwift()).predictions.map(\.id)
          == PredictionParser.predictions(in: lesson).predictions.map(\.id))
      #expect(
        lesson.hidingSwift().document.codeExamples.filter { $0.language == "python" }
          == lesson.document.codeExamples.filter { $0.language == "python" })
    }
  }

  /// The golden: lesson 13 in the Python-only reading, at 80 columns: no Swift section, and the
  /// cheat sheet with its Python column only.
  @Test func theConclusionReadWithoutSwiftMatchesItsGolden() throws {
    let lesson = try #require(Self.lessons.first { $0.id == "conclusion" })
    let golden = LessonContentTests.repository.appending(path: "Tests/LabCoreTests/Goldens/conclusion-no-swift.txt")
    let rendered = LessonRenderer(width: 80, color: false).string(for: lesson.hidingSwift(), total: Self.lessons.count)
    #expect(rendered == (try String(contentsOf: golden, encoding: .utf8)))
    #expect(rendered.split(separator: "\n").allSatisfy { $0.count <= 80 })
  }

  // MARK: - No spoilers

  struct Asked: CustomTestStringConvertible, Sendable {
    let lesson: Lesson
    let prediction: Prediction
    /// The rendered part right before the question's part.
    let before: String
    /// The questions of the lesson asked before this one.
    let earlier: [Prediction]
    var testDescription: String { "\(lesson.fileName):\(prediction.line) \(prediction.id)" }
  }

  static let asked: [Asked] = lessons.flatMap { lesson -> [Asked] in
    let predictions = PredictionParser.predictions(in: lesson).predictions
    let parts = LessonParts.split(lesson.document.blocks)
    var found: [Asked] = []
    for (index, part) in parts.enumerated() {
      guard let block = part.first(where: LessonParts.isPrediction),
        let prediction = predictions.first(where: { $0.line == block.line })
      else { continue }
      // The prose and outputs of the part before; a program's code may print the deciding line
      // in a branch that does not run, which answers nothing.
      let shown = index == 0 ? [] : parts[index - 1].filter { !isProgram($0) }
      let before = plainText(lesson, blocks: shown)
      found.append(Asked(lesson: lesson, prediction: prediction, before: before, earlier: found.map(\.prediction)))
    }
    return found
  }

  static func isProgram(_ block: MarkdownBlock) -> Bool {
    guard case .codeBlock(let info, _, true) = block.kind else { return false }
    return ["python", "swift"].contains(info.split(whereSeparator: \.isWhitespace).first.map(String.init) ?? "")
  }

  @Test func everyQuestionOfTheCourseIsChecked() {
    #expect(Self.asked.count == Self.lessons.map { PredictionParser.predictions(in: $0).predictions.count }.reduce(0, +))
  }

  /// The part before a question does not show the line that decides it (a choice) or the value
  /// it expects (an order or a set of tasks), and no earlier question of the lesson ran the same
  /// demo or program: its verdict would have shown the answer.
  @Test(arguments: asked)
  func noQuestionHasItsAnswerOnScreenBeforeItIsAsked(_ item: Asked) {
    let prediction = item.prediction
    switch prediction.expect {
    case .choice(let index) where prediction.options.indices.contains(index):
      let shows = prediction.options[index].shows
      #expect(!item.before.contains(shows), "\(item.testDescription): '\(shows)' is on screen before the question")
    case .order(let tasks) where tasks.count > 1:
      #expect(!item.before.contains(tasks.joined(separator: " ")), "\(item.testDescription): the order is on screen")
    case .tasks(let tasks) where tasks.count > 1:
      #expect(!item.before.contains(tasks.sorted().joined(separator: " ")), "\(item.testDescription): the tasks are on screen")
    default:
      break
    }
    let sameRun = item.earlier.filter { earlier in
      switch (earlier.source, prediction.source) {
      case (.demo(let a, let x), .demo(let b, let y)): a == b && Set(x) == Set(y)
      case (.python, .python):
        PredictionParser.pythonProgram(for: earlier, in: item.lesson)?.line
          == PredictionParser.pythonProgram(for: prediction, in: item.lesson)?.line
      default: false
      }
    }
    #expect(sameRun.map(\.id) == [], "\(item.testDescription) asks about a run an earlier question already showed")
  }
}

/// What a learner reads around a question that the mechanical spoiler test cannot see: prose that
/// states the answer, options that cannot be answered by their own first words, and question
/// text with Markdown the prompt prints as it is (issue 23, the acceptance pass).
@Suite struct LessonQuestionProseTests {
  /// Sentences that stated a question's answer in the part before it, found reading part two as
  /// a learner: each now comes after the run.
  static let answeringProse: [(lesson: String, question: String, sentence: String)] = [
    ("limiting-concurrency", "window-alive", "only the 10 worker tasks"),
    ("taskgroup", "errors-handled", "collects every error raised before it could cancel the rest"),
    ("taskgroup", "body-cancelled", "The body is cancelled too"),
    ("taskgroup", "body-cancelled", "cancels the other tasks and the body"),
    ("cancellation", "timeout-swallowed", "A swallowed cancellation breaks timeouts"),
    ("cancellation", "timeout-swallowed", "the block sees no cancellation, and raises nothing"),
    ("cancellation", "group-waits", "keeps the whole group waiting"),
    ("worker-pools", "queue-bounded", "waits at put() until there is room"),
  ]

  @Test func noProseBeforeAQuestionStatesItsAnswer() throws {
    for (lessonID, question, sentence) in Self.answeringProse {
      let item = try #require(LessonReadingTests.asked.first { $0.lesson.id == lessonID && $0.prediction.id == question })
      let lesson = item.lesson
      // Everything the lesson shows before the question's part, not only the part right before.
      let parts = LessonParts.split(lesson.document.blocks)
      let index = try #require(parts.firstIndex { part in part.contains { $0.line == item.prediction.line } })
      let shown = parts[..<index].flatMap { $0 }.filter { !LessonReadingTests.isProgram($0) }
      let before = LessonReadingTests.plainText(lesson, blocks: shown).split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
      #expect(!before.contains(sentence), "\(item.testDescription): '\(sentence)' is read before the question")
    }
  }

  /// A short answer ("no", "one", "all three") answers the option that starts with it, "no, …",
  /// even when another option says "no chunk" or "one per clause".
  @Test(arguments: LessonReadingTests.asked.filter { $0.prediction.kind == .choice })
  func everyOptionIsReadFromItsOwnFirstWords(_ item: LessonReadingTests.Asked) throws {
    let options = item.prediction.options.map(\.text)
    for (index, text) in options.enumerated() {
      let lead = text.prefix { $0 != "," && $0 != ":" }.trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
      guard lead.first?.isLetter == true, lead.split(separator: " ").count <= 2, lead != text else { continue }
      let read = try? PredictionValue.parse(lead, kind: .choice, optionCount: options.count, options: options)
      #expect(read == .choice(index), "\(item.testDescription): '\(lead)' is not read as option \(index + 1) (\(text))")
    }
  }

  /// The prompt prints a question, its options and its why as written: no Markdown in them.
  @Test func noQuestionTextHasMarkdownThePromptPrintsAsIs() {
    for item in LessonReadingTests.asked {
      let texts = [item.prediction.ask, item.prediction.why] + item.prediction.options.map(\.text)
      #expect(texts.filter { $0.contains("`") || $0.contains("**") } == [], "\(item.testDescription)")
    }
  }
}
