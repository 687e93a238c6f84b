import LabCore
import Testing

/// `FenceScanner`: the ```predict fences `list` counts without parsing a lesson.
@Suite struct FenceScannerTests {
  private func fences(_ markdown: String) -> [String] {
    FenceScanner.topLevelFences(in: markdown).map { "\($0.line) \($0.info)" }
  }

  @Test func fencesAtTheStartOfALineAreReportedWithTheirLineAndInfo() {
    #expect(fences("# Title\n\n```predict\nid: a\n```\n\n~~~python  \nprint(1)\n~~~\n") == ["3 predict", "7 python"])
  }

  @Test func aFenceInsideALongerFenceIsCode() {
    let markdown = "````markdown\n```predict\nid: a\n```\n````\n```predict\nid: b\n```\n"
    #expect(fences(markdown) == ["1 markdown", "6 predict"])
  }

  @Test func onlyTheSameMarkerAtLeastAsLongWithNothingAfterItCloses() {
    let markdown = "```text\n~~~\n``\n``` not a close\n````\n```predict\n```\n"
    // Lines 2-4 do not close the block opened on line 1; line 5 does.
    #expect(fences(markdown) == ["1 text", "6 predict"])
  }

  @Test func indentedFencesAreFollowedButNotReported() {
    // A list item's fence (two spaces) holds a line-start fence that is code, not a block.
    let markdown = "- item\n\n  ```text\n```predict\n  ```\n\n```predict\n```\n    ```predict\n"
    #expect(fences(markdown) == ["7 predict"])
  }

  @Test func backticksInABacktickInfoStringMakeInlineCodeNotAFence() {
    #expect(fences("```not `a` fence\n```predict\n```\n") == ["2 predict"])
  }

  @Test func quotedAndListedFencesAreNotReported() {
    #expect(fences("> ```predict\n> id: a\n> ```\n\n- ```predict\n  id: b\n  ```\n") == [])
  }

  @Test func windowsLineEndsKeepTheInfoClean() {
    #expect(fences("```predict\r\nid: a\r\n```\r\n") == ["1 predict"])
  }

  @Test func everyLessonOfTheCourseCountsItsPredictionsAsTheParserDoes() throws {
    let catalog = try LessonCatalog.load(from: .embedded)
    for lesson in catalog.lessons {
      let parsed = PredictionParser.predictions(in: lesson)
      #expect(parsed.problems.isEmpty, "\(lesson.id)")
      let parsedBlocks = lesson.document.allBlocks.filter(LessonParts.isPrediction).count
      #expect(lesson.predictionCount == parsed.predictions.count, "\(lesson.id)")
      #expect(lesson.predictionCount == parsedBlocks, "\(lesson.id)")
    }
    // The course total, written out: a prediction added or lost changes it.
    #expect(catalog.lessons.map(\.predictionCount).reduce(0, +) == 65)
  }
}
