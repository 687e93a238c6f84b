import LabCore
import Testing

@Suite struct PredictionParserTests {
  @Test func theFixtureLessonsPredictionsAreReadWhole() {
    let parsed = PredictionParser.predictions(in: PredictionFixtures.lesson)
    #expect(parsed.problems == [])
    #expect(
      parsed.predictions == [
        Prediction(
          id: "finish-order",
          ask: "A takes 3 s, B 1 s and C 2 s. In what order do they finish?",
          kind: .order,
          source: .demo(id: "ordering", arguments: ["delays=3,1,2"]),
          expect: .order(["B", "C", "A"]),
          why: "Each task ends when its own sleep ends; gather only puts the *results* back in argument order.",
          line: 25
        ),
        Prediction(
          id: "forgot-await",
          ask: "main() prints gather(...) without await. What does the first line show?",
          kind: .choice,
          source: .python,
          expect: .choice(2),
          options: [
            PredictionOption(text: "the list of results", shows: "['A', 'B']"),
            PredictionOption(text: "a coroutine object", shows: "<coroutine object"),
            PredictionOption(text: "a _GatheringFuture object", shows: "<_GatheringFuture"),
          ],
          why: "gather() returns a future at once; without await you print the future itself.",
          line: 34
        ),
      ])
  }

  @Test func progressKeysAnAnswerByLessonAndID() throws {
    let prediction = try #require(PredictionParser.predictions(in: PredictionFixtures.lesson).predictions.first)
    #expect(prediction.key(lesson: PredictionFixtures.lesson) == "results-order/finish-order")
  }

  @Test func aDemoPredictionLaunchesItsRunAsGatherlabRunDoes() throws {
    let predictions = PredictionParser.predictions(in: PredictionFixtures.lesson).predictions
    let launch = try #require(try predictions[0].launch(speed: .normal))
    #expect(launch.demo.id == "ordering")
    #expect(launch.parameters["delays"] == .secondsList([3, 1, 2]))
    #expect(try predictions[1].launch(speed: .normal) == nil)
    var broken = predictions[0]
    broken.source = .demo(id: "ordering", arguments: ["delays=x"])
    #expect(throws: DemoLaunchError.self) { try broken.launch(speed: .normal) }
  }

  @Test func aPythonPredictionRunsTheNearestRunnableBlockBeforeItSkippingFragments() throws {
    let lesson = PredictionFixtures.lesson
    let predictions = PredictionParser.predictions(in: lesson).predictions
    let program = try #require(PredictionParser.pythonProgram(for: predictions[1], in: lesson))
    #expect(program.line == 8)
    #expect(program.code.hasPrefix("import asyncio\n"))
    #expect(PredictionParser.pythonProgram(for: predictions[0], in: lesson) == nil)
  }

  @Test func theLatestProgramBeforeThePredictionIsTheOneItRuns() throws {
    let before = "```python\nprint(1)\n```\n\n```python\nprint(2)\n```\n\n"
    let yaml = "id: which\nask: Which?\nanswer: choice\nrun: python\noptions:\n  - text: one\n    shows: \"1\"\n"
      + "  - text: two\n    shows: \"2\"\nexpect: b\n"
    let lesson = PredictionFixtures.lesson(predict: yaml, before: before + "```python\nprint(3)\n```\n\n")
    let prediction = try #require(PredictionParser.predictions(in: lesson).predictions.first)
    #expect(PredictionParser.pythonProgram(for: prediction, in: lesson)?.code == "print(3)\n")
  }

  @Test func aRunnableProgramAfterThePredictionDoesNotCount() {
    let yaml = "id: which\nask: Which?\nanswer: choice\nrun: python\noptions:\n  - text: one\n    shows: \"1\"\n"
      + "  - text: two\n    shows: \"2\"\nexpect: b\n"
    let body = "```python fragment\nx = 1\n```\n\n```predict\n" + yaml + "```\n\n```python\nprint(1)\n```\n"
    let lesson = Lesson(number: 5, id: "results-order", title: "R", section: "S", fileName: "05-results-order.md", body: body)
    #expect(
      PredictionParser.predictions(in: lesson).problems.map(\.description) == [
        "05-results-order.md:9: 'run: python' needs a runnable ```python block (not a fragment) before the prediction in the lesson."
      ])
  }

  @Test func expectMayBeAYAMLListAndAnswerIgnoresCase() throws {
    let lesson = PredictionFixtures.lesson(predict: PredictionFixtures.yaml(["expect": "[B, C, A]", "answer": "Order"]))
    let parsed = PredictionParser.predictions(in: lesson)
    #expect(parsed.problems == [])
    #expect(parsed.predictions.map(\.expect) == [.order(["B", "C", "A"])])
  }

  @Test func whyIsOptional() throws {
    let lesson = PredictionFixtures.lesson(predict: PredictionFixtures.yaml(["why": nil]))
    #expect(PredictionParser.predictions(in: lesson).predictions.map(\.why) == [""])
  }

  /// The problems of one predict block whose fence is on line 1 (so its first key is on line 2).
  private func problems(_ yaml: String, before: String = "") -> [String] {
    let lesson = PredictionFixtures.lesson(predict: yaml, before: before)
    let parsed = PredictionParser.predictions(in: lesson)
    if !parsed.problems.isEmpty { #expect(parsed.predictions.isEmpty) }
    return parsed.problems.map(\.description)
  }

  @Test func aBlockThatIsNotYAML() {
    #expect(
      problems("id: finish-order\nask: [In what order?\nanswer: order\n") == [
        "05-results-order.md:3: The predict block is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)."
      ])
  }

  @Test func aBlockThatIsNotAMapping() {
    #expect(
      problems("- B\n- C\n") == [
        "05-results-order.md:2: A predict block must be keys and values, one per line, like 'id: finish-order'."
      ])
  }

  @Test func anEmptyBlockMissesEveryRequiredKey() {
    let missing = ["id", "ask", "answer", "run", "expect"].map {
      "05-results-order.md:1: The predict block has no '\($0)'; every prediction needs id, ask, answer, run, expect."
    }
    #expect(problems("") == missing)
  }

  @Test func missingKeysAreReportedAtTheFence() {
    #expect(
      problems(PredictionFixtures.yaml(["expect": nil, "run": nil])) == [
        "05-results-order.md:1: The predict block has no 'run'; every prediction needs id, ask, answer, run, expect.",
        "05-results-order.md:1: The predict block has no 'expect'; every prediction needs id, ask, answer, run, expect.",
      ])
  }

  @Test func anUnknownKeySuggestsTheRightOne() {
    #expect(
      problems(PredictionFixtures.yaml(["expct": "B C A"])) == [
        "05-results-order.md:8: Unknown predict block key 'expct'. Did you mean 'expect'? "
          + "Valid keys: id, ask, answer, run, expect, why, options."
      ])
  }

  @Test func aRepeatedKey() {
    #expect(
      problems(PredictionFixtures.yaml() + "id: again\n") == [
        "05-results-order.md:8: The predict block key 'id' appears more than once."
      ])
  }

  @Test func emptyAndNonTextValues() {
    #expect(
      problems(PredictionFixtures.yaml(["ask": "", "why": "[a, b]"])) == [
        "05-results-order.md:3: The predict block key 'ask' is empty.",
        "05-results-order.md:7: The predict block key 'why' must be text, not a list.",
      ])
  }

  @Test func anIDThatIsNotASlug() {
    #expect(
      problems(PredictionFixtures.yaml(["id": "Finish_Order"])) == [
        "05-results-order.md:2: The prediction id 'Finish_Order' is not a slug: use lowercase letters, digits and single hyphens."
      ])
  }

  @Test func anIDUsedTwiceInALesson() {
    let lesson = PredictionFixtures.lesson(
      predict: PredictionFixtures.yaml(), before: "```predict\n" + PredictionFixtures.yaml() + "```\n\n")
    let parsed = PredictionParser.predictions(in: lesson)
    #expect(
      parsed.problems.map(\.description) == [
        "05-results-order.md:11: The prediction id 'finish-order' is already used on line 2 of this lesson."
      ])
    #expect(parsed.predictions.map(\.line) == [1])
  }

  @Test func anUnknownKind() {
    #expect(
      problems(PredictionFixtures.yaml(["answer": "ordr"])) == [
        "05-results-order.md:4: Unknown answer kind 'ordr'. Did you mean 'order'? "
          + "Kinds: order, results, elapsed, cancelled, orphans, outcome, running, existing, choice."
      ])
  }

  @Test func anExpectOfTheWrongShapeSaysWhatTheKindTakes() {
    #expect(
      problems(PredictionFixtures.yaml(["answer": "elapsed", "expect": "soon"])) == [
        "05-results-order.md:6: 'expect: soon' is not a number of seconds. Type the seconds until the caller resumes, e.g. 1 or 1.5."
      ])
    #expect(
      problems(PredictionFixtures.yaml(["expect": "first B"])) == [
        "05-results-order.md:6: 'expect: first B' is not a finish order. "
          + "Type the task letters in the order they finish, e.g. B C A."
      ])
  }

  @Test func aDemoKindMustRunADemoAndAChoiceMustRunPython() {
    let python = "```python\nprint(1)\n```\n\n"
    #expect(
      problems(PredictionFixtures.yaml(["run": "python"]), before: python) == [
        "05-results-order.md:9: An answer of kind 'order' is read from a demo's run: 'run' must name a demo, "
          + "like 'run: ordering delays=3,1,2'."
      ])
    let choice = "id: c\nask: Which?\nanswer: choice\nrun: ordering\noptions:\n  - text: one\n    shows: \"1\"\n"
      + "  - text: two\n    shows: \"2\"\nexpect: a\n"
    #expect(
      problems(choice) == [
        "05-results-order.md:5: An answer of kind 'choice' is decided by a Python program's output: use 'run: python'."
      ])
  }

  @Test func runPythonTakesNoArguments() {
    #expect(
      problems("id: c\nask: Which?\nanswer: choice\nrun: python main.py\noptions: []\nexpect: a\n") == [
        "05-results-order.md:5: 'run: python' takes nothing after it (found 'main.py'); "
          + "it runs the lesson's python block before the prediction.",
        "05-results-order.md:6: A 'choice' needs at least two options.",
      ])
  }

  @Test func choiceProblems() {
    let python = "```python\nprint(1)\n```\n\n"
    let head = "id: c\nask: Which?\nanswer: choice\nrun: python\n"
    // Fence on line 5; the keys on lines 6-9.
    #expect(
      problems(head + "expect: a\n", before: python) == [
        "05-results-order.md:5: An answer of kind 'choice' needs 'options': a list of options, each with 'text' and 'shows'."
      ])
    #expect(
      problems(head + "options: a, b\nexpect: a\n", before: python) == [
        "05-results-order.md:10: 'options' must be a list, one '- text: …' item per option, each with 'shows'."
      ])
    #expect(
      problems(head + "options:\n  - text: one\n  - two\n  - text: three\n    show: x\nexpect: a\n", before: python) == [
        "05-results-order.md:11: Option a has no 'shows': the text in one line of the program's output that makes it right.",
        "05-results-order.md:12: Option b must have keys 'text' (what the learner reads) and 'shows' (output that makes it right).",
        "05-results-order.md:14: Unknown key 'show' in option c; an option has 'text' and 'shows'.",
        "05-results-order.md:13: Option c has no 'shows': the text in one line of the program's output that makes it right.",
      ])
    #expect(
      problems(head + "options:\n  - text: one\n    shows: \"1\"\n  - text: two\n    shows: \"2\"\nexpect: c\n", before: python)
        == ["05-results-order.md:15: 'expect: c' is not an option. Type the letter of an option, a to b."]
    )
  }

  @Test func optionsAreOnlyForChoices() {
    #expect(
      problems(PredictionFixtures.yaml(["options": "[]"])) == [
        "05-results-order.md:8: 'options' are only for answer: choice; this prediction's answer is 'order'."
      ])
  }

  @Test func aPredictFenceIsOneWhoseInfoStartsWithTheWordPredict() {
    for info in ["predict", "predict x", " predict", "predict\tx y", "\u{3000}predict\u{3000}"] {
      #expect(PredictionParser.isPredictBlock(info: info), "\(info)")
    }
    for info in ["", "python", "predictx", "predict\u{301}", "python predict", "Predict", "pre dict", "`predict`"] {
      #expect(!PredictionParser.isPredictBlock(info: info), "\(info)")
    }
  }
}
