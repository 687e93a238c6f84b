import LabCore
import PropertyBased
import TestSupport
import Testing

@Suite struct LessonLoaderTests {
  private func load(_ name: String, _ text: String) -> (lesson: Lesson?, problems: [String]) {
    let result = LessonLoader.load(LessonFile(name: name, displayPath: "Lessons/" + name, text: text))
    return (result.lesson, result.problems.map(\.description))
  }

  @Test func readsTheFrontMatterTheNumberFromTheFileNameAndTheBody() throws {
    let (lesson, problems) = load("01-what-is-gather.md", LessonFixtures.whatIsGather)
    #expect(problems == [])
    let loaded = try #require(lesson)
    #expect(loaded.number == 1)
    #expect(loaded.id == "what-is-gather")
    #expect(loaded.title == "What gather is")
    #expect(loaded.section == "What is asyncio.gather()?")
    #expect(loaded.demo == "sequential")
    #expect(loaded.params.map(\.name) == ["count", "delay"])
    #expect(loaded.params.map(\.value) == ["3", "0.5"])
    #expect(loaded.fileName == "01-what-is-gather.md")
    #expect(loaded.path == "Lessons/01-what-is-gather.md")
    #expect(loaded.bodyStartLine == 10)
    #expect(loaded.body.hasPrefix("# What gather is\n\nGather runs"))
  }

  @Test func blocksKnowTheirLineInTheFileNotInTheBody() throws {
    let lesson = try #require(load("01-what-is-gather.md", LessonFixtures.whatIsGather).lesson)
    #expect(lesson.document.blocks.map(\.line) == [10, 12, 14, 18, 22, 26])
  }

  @Test func paramValuesOfAnyYAMLTypeBecomeTheirTextAndListsJoinWithCommas() throws {
    let text = LessonFixtures.lesson([
      "id: results-order", "title: T", "section: S", "demo: ordering",
      "params:", "  delays: [3, 1, 2.5]", "  count: 10", "  mode: gather", "  quoted: \"3,1,2\"", "  flag: true",
    ])
    let lesson = try #require(load("05-results-order.md", text).lesson)
    #expect(lesson.params.map(\.name) == ["delays", "count", "mode", "quoted", "flag"])
    #expect(lesson.params.map(\.value) == ["3,1,2.5", "10", "gather", "3,1,2", "true"])
  }

  @Test func acceptsWindowsLineEndingsAndAByteOrderMark() throws {
    let text = "\u{FEFF}" + LessonFixtures.conclusion.replacing("\n", with: "\r\n")
    let (lesson, problems) = load("13-conclusion.md", text)
    #expect(problems == [])
    #expect(lesson?.title == "Conclusion")
  }

  @Test func aFileWithoutFrontMatterIsReportedOnLineOne() {
    let (lesson, problems) = load("02-x.md", "# Just Markdown\n")
    #expect(lesson == nil)
    #expect(
      problems == [
        "Lessons/02-x.md:1: The file must start with front matter: a '---' line, the id, title and section keys, then '---'."
      ])
  }

  @Test func frontMatterThatIsNeverClosedIsReported() {
    let (lesson, problems) = load("02-x.md", "---\nid: x\ntitle: T\n\n# Body\n")
    #expect(lesson == nil)
    #expect(problems == ["Lessons/02-x.md:1: The front matter that starts here is never closed by a '---' line."])
  }

  @Test func aYAMLSyntaxErrorIsReportedAtItsLineInTheFile() {
    let (lesson, problems) = load("02-x.md", "---\nid: x\ntitle: [unclosed\nsection: S\n---\n")
    #expect(lesson == nil)
    #expect(
      problems == [
        "Lessons/02-x.md:3: The front matter is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)."
      ])
  }

  @Test func aColonInAPlainValueIsAYAMLErrorOnItsLine() {
    let (_, problems) = load("02-x.md", "---\nid: x\ntitle: T\nsection: Errors: the default\n---\n")
    #expect(
      problems == [
        "Lessons/02-x.md:4: The front matter is not valid YAML: mapping values are not allowed in this context."
      ])
  }

  @Test func aRepeatedKeyIsReportedWhereItIsRepeated() {
    let (_, problems) = load("02-x.md", "---\nid: x\ntitle: T\ntitle: U\nsection: S\n---\n")
    #expect(problems == ["Lessons/02-x.md:4: The front matter key 'title' appears more than once."])
  }

  @Test func aKeyRepeatedInsideParamsIsReportedWhereItIsRepeated() {
    let text = "---\nid: x\ntitle: T\nsection: S\ndemo: ordering\nparams:\n  delays: 1\n  delays: 2\n---\n"
    #expect(
      load("02-x.md", text).problems == ["Lessons/02-x.md:8: The front matter key 'delays' appears more than once."])
  }

  @Test func everyMissingRequiredKeyIsReported() {
    let (lesson, problems) = load("02-x.md", "---\nid: x\n---\n")
    #expect(lesson == nil)
    #expect(
      problems == [
        "Lessons/02-x.md:1: The front matter has no 'title'; every lesson needs an id, a title and a section.",
        "Lessons/02-x.md:1: The front matter has no 'section'; every lesson needs an id, a title and a section.",
      ])
  }

  @Test func emptyFrontMatterMissesEveryRequiredKey() {
    let (_, problems) = load("02-x.md", "---\n---\nBody\n")
    #expect(problems.count == 3)
  }

  @Test func emptyAndNonTextValuesAreReportedOnTheirLines() {
    let text = "---\nid: x\ntitle:\nsection: [a, b]\ndemo: 42\n---\n"
    let (lesson, problems) = load("02-x.md", text)
    #expect(lesson == nil)
    #expect(
      problems == [
        "Lessons/02-x.md:3: The front matter key 'title' is empty.",
        "Lessons/02-x.md:4: The front matter key 'section' must be text, not a list.",
        "Lessons/02-x.md:5: The front matter key 'demo' must be text, not a number.",
      ])
  }

  @Test func quotedValuesAreTextWhateverTheyLookLike() throws {
    let text = "---\nid: x\ntitle: \"2024\"\nsection: 'yes'\ndemo: ~\n---\n"
    let (lesson, problems) = load("02-x.md", text)
    #expect(problems == ["Lessons/02-x.md:5: The front matter key 'demo' is empty."])
    #expect(lesson?.title == "2024")
    #expect(lesson?.section == "yes")
    let unquoted = "---\nid: x\ntitle: yes\nsection: 1.5\n---\n"
    #expect(
      load("02-x.md", unquoted).problems == [
        "Lessons/02-x.md:3: The front matter key 'title' must be text, not true or false.",
        "Lessons/02-x.md:4: The front matter key 'section' must be text, not a number.",
      ])
  }

  @Test func anUnknownKeyIsReportedWithTheClosestValidKey() {
    let text = LessonFixtures.lesson(["id: x", "title: T", "section: S", "dmeo: ordering"])
    let (lesson, problems) = load("02-x.md", text)
    #expect(lesson != nil)
    #expect(
      problems == [
        "Lessons/02-x.md:5: Unknown front matter key 'dmeo'. Did you mean 'demo'? Valid keys: id, title, section, part, demo, params."
      ])
  }

  @Test func frontMatterThatIsNotAMappingIsReported() {
    let (_, problems) = load("02-x.md", "---\njust a sentence\n---\n")
    #expect(
      problems == [
        "Lessons/02-x.md:2: The front matter must be keys and values, one per line, like 'id: results-order'."
      ])
  }

  @Test func paramsMustBeAMappingOfPlainValues() {
    let notMapping = LessonFixtures.lesson(["id: x", "title: T", "section: S", "demo: ordering", "params: 3,1,2"])
    #expect(
      load("02-x.md", notMapping).problems == [
        "Lessons/02-x.md:6: 'params' must hold parameter names and values, one per line, like 'delays: 3,1,2'."
      ])
    let nested = LessonFixtures.lesson([
      "id: x", "title: T", "section: S", "demo: ordering", "params:", "  delays:", "    a: 1",
    ])
    #expect(
      load("02-x.md", nested).problems == [
        "Lessons/02-x.md:7: Parameter 'delays' must have a single value, like 5 or 3,1,2."
      ])
  }

  @Test func aFileNameWithoutANumberIsReportedButTheFrontMatterIsStillChecked() {
    let text = LessonFixtures.lesson(["id: x", "title: T"])
    let (lesson, problems) = load("x.md", text)
    #expect(lesson == nil)
    #expect(
      problems == [
        "Lessons/x.md:1: The file name must be NN-id.md: a two-digit lesson number, a hyphen, then the lesson id.",
        "Lessons/x.md:1: The front matter has no 'section'; every lesson needs an id, a title and a section.",
      ])
  }

  // MARK: - The plain reading of a header (start-up) against Yams'

  /// Every lesson's header is read without Yams, and read as Yams reads it: the same lesson,
  /// key lines and all.
  @Test func everyLessonOfTheCourseIsReadWithoutYamsAndAsYamsReadsIt() throws {
    let files = try LessonSource.embedded.files()
    #expect(files.count >= 20)
    for file in files {
      #expect(
        LessonLoader.readsHeaderPlainly(file),
        "\(file.name): its header is read by Yams, at a cost to start-up; write it as PlainFrontMatter reads (key: \"text\")"
      )
      let plain = LessonLoader.load(file)
      let yams = LessonLoader.load(file, reading: .yams)
      #expect(plain.problems == [] && yams.problems == [], "\(file.name)")
      #expect(plain.lesson != nil && plain.lesson == yams.lesson, "\(file.name)")
    }
  }

  @Test func onlyTheCoursesPlainFormIsReadWithoutYams() {
    func plainly(_ lines: [String]) -> Bool {
      LessonLoader.readsHeaderPlainly(LessonFile(name: "05-results-order.md", text: LessonFixtures.lesson(lines)))
    }
    let base = ["id: results-order", "title: \"Results, in order: yes\"", "section: \"S ↔ T\""]
    #expect(plainly(base))
    #expect(plainly(base + ["demo: ordering", "part: 2", "params:", "  delays: \"3,1,2\"", "  count: 10", "  fail-at: null"]))
    #expect(!plainly(base + ["# a comment"]))
    #expect(!plainly(base + ["demo: ordering # a comment"]))
    #expect(!plainly(base + ["params:", "  delays: [3, 1, 2]"]))
    #expect(!plainly(base + ["params:", "  fail-at: ~"]))
    #expect(!plainly(base + ["params:"]))
    #expect(!plainly(base + ["demo: 'ordering'"]))
    #expect(!plainly(base + ["demo: two words"]))
    #expect(!plainly(base + ["part: 3"]))
    #expect(!plainly(base + ["id: again"]))
    #expect(!plainly(["id: 12", "title: T", "section: S"]))
    #expect(!plainly(["id: x", "title: \"a \\\" b\"", "section: S"]))
    #expect(!plainly(["id: x", "title: \"\"", "section: S"]))
    #expect(!plainly(["id: x", "title: T"]))
  }

  /// Headers made of the course's lines and of lines the plain reading must leave to Yams
  /// (comments, quoting, flow lists, nulls, numbers, repeats, odd indentation): whichever reads
  /// them, the lesson and the problems are the same.
  @Test func anyHeaderGivesTheSameLessonAndProblemsReadPlainlyOrByYams() async {
    let line = Gen<String?>.element(of: [
      "id: results-order", "id: \"results-order\"", "id: 12", "id: true", "id: \"\"", "id: \"  \"", "id:",
      "title: \"Results, in order: yes\"", "title: Plain", "title: \"Tab\there\"", "title: \"é ↔ 😀\"",
      "title: \"a \\\" b\"", "title: \"\u{85}\"", "title: 'single'", "title: Two words", "title: 1e5", "title: 0x1F",
      "section: \"S\"", "section: S # comment", "section: \" padded \"", "demo: ordering", "demo: null", "demo: ~",
      "demo: a,b", "demo: a.b", "part: 2", "part: 1", "part: 3", "part: \"2\"", "part: two", "part: 2.0", "params:",
      "params: {}", "params: ~", "  delays: \"3,1,2\"", "  count: 10", "  count: ~", "  flag: true", "  list: [3, 1, 2]",
      "   deep: 1", "  fail-at: \"1\"", "  x:", "  \"quoted\": 1", "unknown: 1", "# comment", "", "  ", "id : spaced",
      "key:value", "title: \"unterminated", "\tid: tab", "params:\r", "- item", "? complex", "{id: x}",
    ]).map { $0 ?? "" }
    await propertyCheck(count: 400, input: line.array(of: 0...4), line.array(of: 0...5), Gen.bool) { before, after, required in
      let lines = before + (required ? ["id: results-order", "title: \"T\"", "section: S"] : []) + after
      let file = LessonFile(name: "05-results-order.md", displayPath: "Lessons/05-results-order.md", text: LessonFixtures.lesson(lines))
      let plain = LessonLoader.load(file)
      let yams = LessonLoader.load(file, reading: .yams)
      #expect(plain.lesson == yams.lesson, "\(lines)")
      #expect(plain.problems == yams.problems, "\(lines)")
    }
  }
}
