import LabCore
import TestSupport
import Testing

@Suite struct LessonLinterTests {
  /// Lints a course made of the valid fixture course with `changes` applied (nil removes a file).
  private func lint(_ changes: [String: String?] = [:]) throws -> (directory: TemporaryDirectory, problems: [String]) {
    var files = LessonFixtures.validCourse
    for (name, text) in changes { files[name] = text }
    let directory = try TemporaryDirectory(files: files)
    let problems = LessonLinter().lint(try LessonSource.directory(directory.path).files())
    return (directory, problems.map(\.description))
  }

  @Test func aValidCourseHasNoProblems() throws {
    #expect(try lint().problems == [])
  }

  @Test func aPythonProgramFollowedByItsOutputAndFragmentAndInvalidBlocksAreFine() throws {
    let body =
      "```python\nprint(1)\n```\n```output\n1\n```\n\n```python fragment\nx\n```\n\n```python invalid\nx ←\n```\n"
      + "\n```swift invalid\nlet x: Int = \"\"\n```\n"
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion"], body: body)
    #expect(try lint(["03-conclusion.md": text]).problems == [])
  }

  @Test func missingFrontMatter() throws {
    let (directory, problems) = try lint(["02-results-order.md": "# Results\n\nNo header.\n"])
    #expect(
      problems == [
        directory.file("02-results-order.md")
          + ":1: The file must start with front matter: a '---' line, the id, title and section keys, then '---'."
      ])
  }

  @Test func badYAML() throws {
    let text = "---\nid: results-order\ntitle: [Results\nsection: Results Order\n---\n"
    let (directory, problems) = try lint(["02-results-order.md": text])
    #expect(
      problems == [
        directory.file("02-results-order.md")
          + ":3: The front matter is not valid YAML: did not find expected ',' or ']' (while parsing a flow sequence)."
      ])
  }

  @Test func duplicateID() throws {
    let text = LessonFixtures.lesson(["id: results-order", "title: Again", "section: Errors"])
    let (directory, problems) = try lint(["04-results-order.md": text])
    #expect(
      problems == [
        directory.file("04-results-order.md") + ":2: The id 'results-order' is already used by 02-results-order.md."
      ])
  }

  @Test func gapInNumbering() throws {
    let (directory, problems) = try lint(["03-conclusion.md": nil, "04-conclusion.md": LessonFixtures.conclusion])
    #expect(
      problems == [
        directory.file("04-conclusion.md")
          + ":1: Lesson number 03 is missing; lessons are numbered from 01 without gaps."
      ])
  }

  @Test func severalMissingNumbersAreOneProblem() throws {
    let (directory, problems) = try lint([
      "01-what-is-gather.md": nil, "03-conclusion.md": nil, "05-conclusion.md": LessonFixtures.conclusion,
    ])
    #expect(
      problems == [
        directory.file("02-results-order.md")
          + ":1: Lesson number 01 is missing; lessons are numbered from 01 without gaps.",
        directory.file("05-conclusion.md")
          + ":1: Lesson numbers 03–04 are missing; lessons are numbered from 01 without gaps.",
      ])
  }

  @Test func repeatedNumber() throws {
    let text = LessonFixtures.lesson(["id: recap", "title: Recap", "section: Recap"])
    let (directory, problems) = try lint(["03-recap.md": text])
    #expect(problems == [directory.file("03-recap.md") + ":1: Lesson number 03 is already used by 03-conclusion.md."])
  }

  @Test func unknownDemo() throws {
    let text = LessonFixtures.lesson(["id: results-order", "title: T", "section: Results Order", "demo: orderin"])
    let (directory, problems) = try lint(["02-results-order.md": text])
    #expect(
      problems == [
        directory.file("02-results-order.md") + ":5: Unknown demo 'orderin'. Did you mean 'ordering'? "
          + "Demos: " + DemoRegistry.standard.ids.joined(separator: ", ") + "."
      ])
  }

  @Test func unknownParameter() throws {
    let text = LessonFixtures.lesson([
      "id: results-order", "title: T", "section: Results Order", "demo: ordering", "params:", "  dealys: 3,1,2",
    ])
    let (directory, problems) = try lint(["02-results-order.md": text])
    #expect(
      problems == [
        directory.file("02-results-order.md")
          + ":7: Unknown parameter 'dealys' for ordering. Did you mean 'delays'? Valid parameters: delays."
      ])
  }

  @Test func outOfRangeParameter() throws {
    let text = LessonFixtures.lesson([
      "id: what-is-gather", "title: T", "section: What is asyncio.gather()?", "demo: sequential",
      "params:", "  count: 3", "  delay: 99",
    ])
    let (directory, problems) = try lint(["01-what-is-gather.md": text])
    #expect(
      problems == [
        directory.file("01-what-is-gather.md") + ":8: Invalid value '99' for delay: expected seconds from 0.1 to 10."
      ])
  }

  @Test func everyBadParameterIsReportedOnItsOwnLine() throws {
    let text = LessonFixtures.lesson([
      "id: what-is-gather", "title: T", "section: What is asyncio.gather()?", "demo: sequential",
      "params:", "  count: 0", "  delay: -1",
    ])
    let (_, problems) = try lint(["01-what-is-gather.md": text])
    #expect(problems.map { $0.split(separator: ":")[1] } == ["7", "8"])
  }

  @Test func paramsWithoutADemo() throws {
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion", "params:", "  count: 3"])
    let (directory, problems) = try lint(["03-conclusion.md": text])
    #expect(
      problems == [directory.file("03-conclusion.md") + ":5: 'params' is set but there is no 'demo' to pass them to."])
  }

  @Test func untaggedCodeBlock() throws {
    let text = LessonFixtures.lesson(
      ["id: conclusion", "title: C", "section: Conclusion"], body: "Text.\n\n```\nprint(1)\n```\n")
    let (directory, problems) = try lint(["03-conclusion.md": text])
    #expect(
      problems == [
        directory.file("03-conclusion.md")
          + ":8: This code block has no language; put one of python, swift, output, text, sh, predict after the opening ```."
      ])
  }

  @Test func unknownLanguageAndUnknownWordAfterIt() throws {
    let body = "```py\nx\n```\n\n```python fragmnet\nx\n```\n\n```output fragment\nx\n```\n"
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion"], body: body)
    let (directory, problems) = try lint(["03-conclusion.md": text])
    let file = directory.file("03-conclusion.md")
    #expect(
      problems == [
        file
          + ":6: Unknown code block language 'py'. Did you mean 'python' or 'sh'? Use one of python, swift, output, text, sh, predict.",
        file + ":10: Unknown word 'fragmnet' after ```python; only 'fragment' or 'invalid' may follow it.",
        file + ":14: Unknown word 'fragment' after ```output; only Python versions may follow it, like 3.11 or 3.12+.",
      ])
  }

  @Test func outputBlocksMayNamePythonVersions() throws {
    let body = "```python\nprint(1)\n```\n\n```output 3.11\n1\n```\n\n```output 3.12+ 3.9\n1\n```\n\n```output 3.x\n1\n```\n"
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion"], body: body)
    let (directory, problems) = try lint(["03-conclusion.md": text])
    #expect(
      problems == [
        directory.file("03-conclusion.md") + ":18: Unknown word '3.x' after ```output; only Python versions may follow it, like 3.11 or 3.12+."
      ])
  }

  @Test func onlyALevelTwoHeadingMarksASwiftSection() throws {
    let body = "## In Swift\n\nFine.\n\n### In Swift, deeper\n\nNot marked.\n"
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion"], body: body)
    let (directory, problems) = try lint(["03-conclusion.md": text])
    #expect(
      problems == [
        directory.file("03-conclusion.md")
          + ":10: Only a '##' heading marks a Swift section, which a Python-only reading (--no-swift) hides; make this one '## In Swift…'."
      ])
  }

  @Test func partTwoLessonsComeAfterTheGuidesAndPartIsOneOrTwo() throws {
    let second = LessonFixtures.lesson(["id: results-order", "title: R", "section: Results Order", "part: 2"])
    let third = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion", "part: 3"])
    let (directory, problems) = try lint(["02-results-order.md": second, "03-conclusion.md": third])
    #expect(
      problems == [
        directory.file("03-conclusion.md") + ":5: 'part' must be 1 (the guide's lessons) or 2 (part two), not '3'.",
        directory.file("03-conclusion.md")
          + ":5: This lesson is in part 1 but comes after 02-results-order.md, a lesson of a later part; number each part's lessons together.",
      ])
    let first = LessonFixtures.lesson(["id: what-is-gather", "title: W", "section: What", "part: 2"])
    let (again, reordered) = try lint(["01-what-is-gather.md": first])
    #expect(
      reordered == [
        again.file("02-results-order.md")
          + ":1: This lesson is in part 1 but comes after 01-what-is-gather.md, a lesson of a later part; number each part's lessons together.",
        again.file("03-conclusion.md")
          + ":1: This lesson is in part 1 but comes after 01-what-is-gather.md, a lesson of a later part; number each part's lessons together.",
      ])
  }

  @Test func codeBlocksInsideListsAndQuotesAreChecked() throws {
    let body = "- item\n\n  ```\n  x\n  ```\n\n> ```\n> y\n> ```\n"
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: Conclusion"], body: body)
    let (_, problems) = try lint(["03-conclusion.md": text])
    #expect(problems.map { $0.split(separator: ":")[1] } == ["8", "12"])
  }

  @Test func duplicateSection() throws {
    let text = LessonFixtures.lesson(["id: conclusion", "title: C", "section: results order"])
    let (directory, problems) = try lint(["03-conclusion.md": text])
    #expect(
      problems == [
        directory.file("03-conclusion.md")
          + ":4: The guide section 'results order' already has a lesson, 02-results-order.md; each section gets one lesson."
      ])
  }

  @Test func idMustBeASlugAndMatchTheFileName() throws {
    let badSlug = LessonFixtures.lesson(["id: Conclusion_Now", "title: C", "section: Conclusion"])
    let (directory, problems) = try lint(["03-conclusion.md": badSlug])
    #expect(
      problems == [
        directory.file("03-conclusion.md")
          + ":2: The id 'Conclusion_Now' is not a slug: use lowercase letters, digits and single hyphens."
      ])
    let (other, mismatch) = try lint(["03-conclusion.md": nil, "03-the-end.md": LessonFixtures.conclusion])
    #expect(
      mismatch == [
        other.file("03-the-end.md")
          + ":2: The file name does not match the id 'conclusion'; rename the file to 03-conclusion.md."
      ])
  }

  @Test func aFileNameWithoutANumberIsReported() throws {
    let (directory, problems) = try lint(["notes.md": "Notes.\n"])
    #expect(
      problems == [
        directory.file("notes.md")
          + ":1: The file name must be NN-id.md: a two-digit lesson number, a hyphen, then the lesson id.",
        directory.file("notes.md")
          + ":1: The file must start with front matter: a '---' line, the id, title and section keys, then '---'.",
      ])
  }

  @Test func reportsEveryProblemSortedByFileThenLine() throws {
    let broken = LessonFixtures.lesson(
      ["id: results-order", "title: T", "section: Results Order", "demo: nope", "colour: red"],
      body: "```\nx\n```\n"
    )
    let (directory, problems) = try lint(["02-results-order.md": broken, "01-what-is-gather.md": "no header\n"])
    #expect(
      problems.map { $0.replacing(directory.path + "/", with: "").prefix(24) } == [
        "01-what-is-gather.md:1: ",
        "02-results-order.md:5: U",
        "02-results-order.md:6: U",
        "02-results-order.md:8: T",
      ])
  }
}
