import Foundation
import LabCore
import TestSupport
import Testing

@Suite struct LessonCatalogTests {
  static let ids = [
    "what-is-gather", "sequential-vs-concurrent", "how-it-works", "real-world-examples", "results-order",
    "errors-default", "return-exceptions", "gather-vs-wait", "limiting-concurrency", "performance",
    "common-mistakes", "best-practices", "conclusion",
  ]

  /// The thirteen lessons of the course, shuffled to show the catalog orders them by number.
  let catalog = LessonCatalog(
    lessons: ids.enumerated().reversed().map { index, id in
      let number = index + 1
      let name = (number < 10 ? "0" : "") + "\(number)-\(id).md"
      return Lesson(
        number: number, id: id, title: "Title \(number)", section: "Section \(number)",
        demo: id == "results-order" ? "ordering" : nil, fileName: name, body: "Body \(number).\n"
      )
    }
  )

  @Test func ordersLessonsByNumber() {
    #expect(catalog.lessons.map(\.id) == Self.ids)
    #expect(catalog.count == 13)
  }

  @Test func findsALessonByNumberWithOrWithoutALeadingZero() throws {
    #expect(try catalog.lesson(matching: "5").id == "results-order")
    #expect(try catalog.lesson(matching: "05").id == "results-order")
    #expect(try catalog.lesson(matching: " 13 ").id == "conclusion")
  }

  @Test func findsALessonByIdInAnyCase() throws {
    #expect(try catalog.lesson(matching: "gather-vs-wait").number == 8)
    #expect(try catalog.lesson(matching: "Gather-VS-Wait").number == 8)
  }

  @Test func findsALessonByTheStartOfExactlyOneId() throws {
    #expect(try catalog.lesson(matching: "results").id == "results-order")
    #expect(try catalog.lesson(matching: "lim").id == "limiting-concurrency")
  }

  @Test func anUnknownLessonSuggestsTheClosestIdAndTheValidNumbers() {
    #expect(throws: LessonLookupError.unknown(query: "resluts", suggestions: ["results-order"], count: 13)) {
      try catalog.lesson(matching: "resluts")
    }
    #expect(
      LessonLookupError.unknown(query: "resluts", suggestions: ["results-order"], count: 13).description
        == "Unknown lesson 'resluts'. Did you mean 'results-order'? Lessons are numbered 1–13; 'list' shows their ids."
    )
  }

  @Test func aNumberOutOfRangeSaysWhichNumbersExist() {
    #expect(throws: LessonLookupError.unknown(query: "14", suggestions: [], count: 13)) {
      try catalog.lesson(matching: "14")
    }
    #expect(
      LessonLookupError.unknown(query: "14", suggestions: [], count: 13).description
        == "Unknown lesson '14'. Lessons are numbered 1–13; 'list' shows their ids."
    )
    #expect(throws: LessonLookupError.self) { try catalog.lesson(matching: "0") }
    #expect(throws: LessonLookupError.self) { try catalog.lesson(matching: "99999999999999999999999") }
  }

  @Test func anAmbiguousPrefixNamesEveryIdItMatches() {
    #expect(
      throws: LessonLookupError.ambiguous(
        query: "re", matches: ["real-world-examples", "results-order", "return-exceptions"])
    ) {
      try catalog.lesson(matching: "re")
    }
    #expect(
      LessonLookupError.ambiguous(query: "re", matches: ["real-world-examples", "results-order", "return-exceptions"])
        .description
        == "Lesson 're' is ambiguous: it could be 'real-world-examples', 'results-order' or 'return-exceptions'."
    )
  }

  @Test func anEmptyQueryIsUnknown() {
    #expect(throws: LessonLookupError.unknown(query: "", suggestions: [], count: 13)) {
      try catalog.lesson(matching: "")
    }
  }

  @Test func listEntriesCarryTheDoneMarks() {
    let entries = catalog.listEntries(done: ["what-is-gather", "results-order"])
    #expect(entries.filter(\.done).map(\.number) == [1, 5])
    #expect(
      entries[4]
        == LessonListEntry(
          number: 5, id: "results-order", title: "Title 5", section: "Section 5", demo: "ordering", done: true
        ))
  }

  @Test func aListEntryEncodesAsTheListJSONObject() throws {
    let withDemo = LessonListEntry(
      number: 5, id: "results-order", title: "T", section: "S", demo: "ordering", done: true)
    let withoutDemo = LessonListEntry(number: 14, id: "taskgroup", title: "T", section: "S", part: 2, demo: nil, done: false)
    #expect(withDemo.json.text == #"{"number":5,"id":"results-order","title":"T","section":"S","part":1,"demo":"ordering","done":true,"predictions":{"total":0,"asked":0,"right":0}}"#)
    #expect(withoutDemo.json.text == #"{"number":14,"id":"taskgroup","title":"T","section":"S","part":2,"demo":null,"done":false,"predictions":{"total":0,"asked":0,"right":0}}"#)
  }

  @Test func loadingFailsWithEveryProblemOfEveryBrokenFile() throws {
    let directory = try TemporaryDirectory(files: [
      "01-a.md": "no front matter\n",
      "02-b.md": LessonFixtures.lesson(["id: b", "title: B"]),
      "03-c.md": LessonFixtures.conclusion,
    ])
    #expect(
      throws: LessonCatalogError.invalidLessons([
        LessonError(file: directory.file("01-a.md"), line: 1, .missingFrontMatter),
        LessonError(file: directory.file("02-b.md"), line: 1, .missingKey("section")),
      ])
    ) {
      try LessonCatalog.load(from: .directory(directory.path))
    }
  }

  @Test func problemsOnlyLintChecksDoNotStopLoading() throws {
    let directory = try TemporaryDirectory(files: [
      "01-a.md": LessonFixtures.lesson(
        ["id: a", "title: A", "section: S", "demo: no-such-demo"], body: "```\nx\n```\n"),
      "05-b.md": LessonFixtures.lesson(["id: b", "title: B", "section: S"]),
    ])
    let catalog = try LessonCatalog.load(from: .directory(directory.path))
    #expect(catalog.lessons.map(\.id) == ["a", "b"])
  }
}
