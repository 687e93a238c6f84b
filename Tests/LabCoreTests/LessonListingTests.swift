import LabCore
import LabTerminal
import TestSupport
import Testing

/// `gatherlab list`'s lessons, and the walkthrough's `list`, at a wide and a narrow width.
@Suite struct LessonListingTests {
  let catalog: LessonCatalog

  init() throws {
    catalog = try LessonCatalog.load(
      files: LessonFixtures.validCourse.sorted { $0.key < $1.key }.map { LessonFile(name: $0.key, text: $0.value) }
    )
  }

  func listing(width: Int, scores: [String: String] = ["what-is-gather": "1/2", "results-order": "0/1"]) -> String {
    LessonListing.lines(catalog, done: ["what-is-gather"], current: "results-order", scores: scores, width: width)
      .map(\.plainText).joined(separator: "\n")
  }

  @Test func partTwoStartsUnderItsOwnHeadingAndListJSONNamesThePart() throws {
    var files = LessonFixtures.validCourse
    files["04-taskgroup.md"] = LessonFixtures.lesson(["id: taskgroup", "title: TaskGroup, the main tool", "section: TaskGroup", "part: 2"])
    let course = try LessonCatalog.load(files: files.sorted { $0.key < $1.key }.map { LessonFile(name: $0.key, text: $0.value) })
    let listed = LessonListing.lines(course, done: [], current: nil, width: 80).map(\.plainText).joined(separator: "\n")
    #expect(listed == """
        1  what-is-gather  What gather is
        2  results-order   Results come back in order
        3  conclusion      Conclusion

      Part two: structured concurrency
        4  taskgroup       TaskGroup, the main tool
      """)
    #expect(course.listEntries().map(\.part) == [1, 1, 1, 2])
    #expect(course.listEntries()[3].json.text.contains(#""section":"TaskGroup","part":2,"demo":null"#))
  }

  @Test func eachTitleIsBesideItsIdWhenItHasRoom() {
    #expect(listing(width: 80) == """
      ✓ 1  what-is-gather  1/2  What gather is
      ▸ 2  results-order   0/1  Results come back in order
        3  conclusion           Conclusion
      """)
  }

  @Test func aTitleWithLittleRoomIsCutAtTheWidth() {
    #expect(listing(width: 45) == """
      ✓ 1  what-is-gather  1/2  What gather is
      ▸ 2  results-order   0/1  Results come back…
        3  conclusion           Conclusion
      """)
  }

  @Test func aNarrowTerminalGetsEachTitleUnderItsIdRatherThanALetterOfIt() {
    #expect(listing(width: 40) == """
      ✓ 1  what-is-gather  1/2
           What gather is
      ▸ 2  results-order  0/1
           Results come back in order
        3  conclusion
           Conclusion
      """)
    #expect(listing(width: 20, scores: [:]) == """
      ✓ 1  what-is-gather
           What gather is
      ▸ 2  results-order
           Results come
           back in order
        3  conclusion
           Conclusion
      """)
  }
}
