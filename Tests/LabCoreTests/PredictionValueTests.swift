import LabCore
import Testing

@Suite struct PredictionValueTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let kind: PredictionKind
    let text: String
    let expected: PredictionValue
    var testDescription: String { "\(kind.rawValue): '\(text)'" }
    init(_ kind: PredictionKind, _ text: String, _ expected: PredictionValue) {
      self.kind = kind
      self.text = text
      self.expected = expected
    }
  }

  static let readable: [Case] = [
    Case(.order, "B C A", .order(["B", "C", "A"])),
    Case(.order, "B, C, A", .order(["B", "C", "A"])),
    Case(.order, "bca", .order(["B", "C", "A"])),
    Case(.order, "b c a", .order(["B", "C", "A"])),
    Case(.order, "[B,C,A]", .order(["B", "C", "A"])),
    Case(.order, "['B', 'C', 'A']", .order(["B", "C", "A"])),
    Case(.order, "B > C > A", .order(["B", "C", "A"])),
    Case(.order, "B then C then A", .order(["B", "C", "A"])),
    Case(.order, "  c-a  ", .order(["C", "A"])),
    Case(.order, "AA B", .order(["AA", "B"])),
    Case(.cancelled, "B C", .tasks(["B", "C"])),
    Case(.cancelled, "c, b", .tasks(["B", "C"])),
    Case(.cancelled, "bc", .tasks(["B", "C"])),
    Case(.cancelled, "none", .tasks([])),
    Case(.cancelled, "Nothing", .tasks([])),
    Case(.orphans, "-", .tasks([])),
    Case(.orphans, "B and C", .tasks(["B", "C"])),
    Case(.results, "['A', 'B', 'C']", .results(.slots([.value("A"), .value("B"), .value("C")]))),
    Case(.results, "A B C", .results(.slots([.value("A"), .value("B"), .value("C")]))),
    Case(.results, "error, B", .results(.slots([.error, .value("B")]))),
    Case(.results, "[ValueError, 'B']", .results(.slots([.value("ValueError"), .value("B")]))),
    Case(.results, "Exception B", .results(.slots([.error, .value("B")]))),
    Case(.results, "none", .results(.none)),
    Case(.results, "nothing", .results(.none)),
    Case(.results, "[]", .results(.slots([]))),
    Case(.elapsed, "1", .seconds(1)),
    Case(.elapsed, "1.0", .seconds(1)),
    Case(.elapsed, "1s", .seconds(1)),
    Case(.elapsed, "~1 s", .seconds(1)),
    Case(.elapsed, "about 1.5 seconds", .seconds(1.5)),
    Case(.elapsed, "2,5", .seconds(2.5)),
    Case(.elapsed, ".5", .seconds(0.5)),
    Case(.outcome, "returned", .outcome(.returned)),
    Case(.outcome, "Returns", .outcome(.returned)),
    Case(.outcome, "threw", .outcome(.threw)),
    Case(.outcome, "raised", .outcome(.threw)),
    Case(.outcome, "error", .outcome(.threw)),
    Case(.outcome, "an exception", .outcome(.threw)),
    Case(.outcome, "timed out", .outcome(.timedOut)),
    Case(.outcome, "timeout", .outcome(.timedOut)),
    Case(.outcome, "Timed-Out", .outcome(.timedOut)),
    Case(.running, "5", .count(5)),
    Case(.running, "5 tasks", .count(5)),
    Case(.existing, " 20 ", .count(20)),
    Case(.existing, "~3", .count(3)),
  ]

  @Test(arguments: readable)
  func forgivingAnswersAreRead(_ item: Case) throws {
    #expect(try PredictionValue.parse(item.text, kind: item.kind) == item.expected)
  }

  @Test(arguments: [("b", 1), ("B", 1), ("(b)", 1), ("b)", 1), ("2", 1), ("a", 0), ("option c", 2), ("C.", 2)])
  func choicesAreReadAsLettersOrNumbers(_ text: String, _ index: Int) throws {
    #expect(try PredictionValue.parse(text, kind: .choice, optionCount: 3) == .choice(index))
  }

  /// README: answers are read forgivingly, `1s` too: an option is also named by its words or by
  /// its leading value, when exactly one option fits.
  @Test(arguments: [
    ("1s", 1), ("1 second", 1), ("1.0", 1), ("about 3 seconds", 0), ("3s", 0),
    ("argument order", 3), ("the finish order, ['B', 'C', 'A']", 2), ("Finish order", 2),
  ])
  func choicesAreReadByTheirTextOrLeadingValue(_ text: String, _ index: Int) throws {
    let options = ["about 3 seconds", "about 1 second", "the finish order, ['B', 'C', 'A']", "the argument order, ['A', 'B', 'C']"]
    #expect(try PredictionValue.parse(text, kind: .choice, optionCount: 4, options: options) == .choice(index))
  }

  @Test(arguments: ["order", "2s", "about"])
  func aTextThatFitsNoOptionOrSeveralIsNotAnAnswer(_ text: String) {
    let options = ["about 3 seconds", "about 1 second", "the finish order, ['B', 'C', 'A']", "the argument order, ['A', 'B', 'C']"]
    #expect(throws: PredictionAnswerError.self) { try PredictionValue.parse(text, kind: .choice, optionCount: 4, options: options) }
  }

  static let unreadable: [(PredictionKind, String)] = [
    (.order, "first B"), (.order, "soon"), (.order, "B B A"), (.order, "1 2 3"), (.order, ""), (.order, "B, 2"),
    (.cancelled, "B B"), (.cancelled, "all of them"),
    (.results, "A,,B"),
    (.elapsed, "soon"), (.elapsed, "-1"), (.elapsed, "1 minute"), (.elapsed, "inf"),
    (.outcome, "maybe"), (.outcome, "B"),
    (.running, "many"), (.running, "2.5"), (.existing, "-3"),
    (.choice, "d"), (.choice, "0"), (.choice, "4"), (.choice, "ab"),
  ]

  @Test(arguments: unreadable)
  func unreadableAnswersThrowTheirKind(_ kind: PredictionKind, _ text: String) {
    #expect(throws: PredictionAnswerError(text: text, kind: kind, optionCount: 3)) {
      try PredictionValue.parse(text, kind: kind, optionCount: 3)
    }
  }

  @Test func anUnreadableAnswerIsToldHowToTypeOne() {
    let messages = [
      PredictionAnswerError(text: "first B", kind: .order),
      PredictionAnswerError(text: "soon", kind: .elapsed),
      PredictionAnswerError(text: "all", kind: .cancelled),
      PredictionAnswerError(text: "maybe", kind: .outcome),
      PredictionAnswerError(text: "many", kind: .existing),
      PredictionAnswerError(text: "d", kind: .choice, optionCount: 3),
      PredictionAnswerError(text: "  ", kind: .running),
    ].map(\.description)
    #expect(
      messages == [
        "Could not read 'first B' as a finish order. Type the task letters in the order they finish, e.g. B C A.",
        "Could not read 'soon' as a number of seconds. Type the seconds until the caller resumes, e.g. 1 or 1.5.",
        "Could not read 'all' as a set of cancelled tasks. Type the letters of the tasks that get cancelled, e.g. B C, or none.",
        "Could not read 'maybe' as an outcome. Type returned, threw or timed out.",
        "Could not read 'many' as a number of tasks. Type the most tasks existing at once, a whole number, e.g. 3.",
        "Could not read 'd' as an option. Type the letter of an option, a to c.",
        "Type the most tasks running at once, a whole number, e.g. 3.",
      ])
  }

  @Test func theResultsExampleSaysHowToTypeAnErrorAndNoList() {
    #expect(
      PredictionKind.results.example()
        == "Type what the caller gets, one value per slot in argument order, e.g. A B C, with error for an exception "
        + "in its slot, or none if the caller gets an exception instead of a list.")
  }

  @Test func answersReadBackAsALearnerTypesThem() {
    let values: [PredictionValue] = [
      .order(["B", "C", "A"]), .order([]), .results(.slots([.error, .value("B")])), .results(.none), .seconds(1.5),
      .tasks(["C", "AA", "B"]), .tasks([]), .outcome(.timedOut), .count(5), .choice(2),
    ]
    #expect(values.map(\.text) == ["B C A", "none", "error B", "none", "1.5", "B C AA", "none", "timed out", "5", "c"])
  }

  @Test func everyKindHasAnExample() {
    #expect(PredictionKind.allCases.allSatisfy { !$0.example().isEmpty })
    #expect(PredictionKind.allCases.map(\.rawValue) == [
      "order", "results", "elapsed", "cancelled", "orphans", "outcome", "running", "existing", "choice",
    ])
  }
}
