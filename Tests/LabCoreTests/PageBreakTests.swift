import LabCore
import LabTerminal
import Testing

/// Issue 23, part two read at 80x24: a page stopped at a "more" marker right under a box's top
/// border (`╭─ python ───` alone, the program on the next page) and under a heading's text or
/// rule. Those lines now go to the next page with what they introduce.
@Suite struct PageBreakTests {
  static func lines(_ texts: [String]) -> [StyledText] { texts.map { StyledText($0) } }

  @Test func aBoxsTopBorderGoesToTheNextPageWithItsFirstLine() {
    let lines = Self.lines(["one", "two", "three", "╭─ python ───", "│ import asyncio", "│ print(1)", "╰────"])
    let pages = Pager(rows: 5).pages(of: lines, alreadyShown: 0) { PageBreaks.keepsWithNext(lines, at: $0) }
    #expect(pages.map { $0.map(\.plainText) } == [
      ["one", "two", "three"],
      ["╭─ python ───", "│ import asyncio", "│ print(1)", "╰────"],
    ])
  }

  @Test func aHeadingAndItsRuleGoToTheNextPageTogether() {
    let lines = Self.lines(["one", "two", "Try it", "──────", "Run the demo.", "Then count."])
    let pages = Pager(rows: 5).pages(of: lines, alreadyShown: 0) { PageBreaks.keepsWithNext(lines, at: $0) }
    #expect(pages.map { $0.map(\.plainText) } == [["one", "two"], ["Try it", "──────", "Run the demo.", "Then count."]])
  }

  @Test func withNothingToKeepTogetherPagesAreFull() {
    let lines = Self.lines(["one", "two", "three", "four", "five", "six"])
    let pages = Pager(rows: 5).pages(of: lines, alreadyShown: 0) { PageBreaks.keepsWithNext(lines, at: $0) }
    #expect(pages.map(\.count) == [4, 2])
  }

  @Test func aPageOfHeadingsAloneStillMovesOn() {
    // Never an empty page, and at most three lines held back.
    let lines = Self.lines(["╭─ a", "╭─ b", "╭─ c", "╭─ d", "x", "y"])
    let pages = Pager(rows: 5).pages(of: lines, alreadyShown: 0) { PageBreaks.keepsWithNext(lines, at: $0) }
    #expect(pages.map(\.count) == [1, 4, 1])
  }

  @Test func theRuleOfWhatKeepsWithTheNextLine() {
    let lines = Self.lines(["Title", "═════", "text", "", "╭─ output ─", "┊ 1", "╰──────", "a ─── b"])
    #expect((0..<lines.count).map { PageBreaks.keepsWithNext(lines, at: $0) } == [true, true, false, false, true, false, false, false])
  }
}
