import LabCore
import LabTerminal
import Testing

@Suite struct MarkdownRendererTests {
  /// Every element the renderer knows, in one document.
  static let fixture = #"""
    # Gather runs tasks concurrently

    Plain text with *emphasis*, **strong**, ~~struck~~ and `inline code`, plus a
    [link to the docs](https://docs.python.org/3/library/asyncio.html) and <https://example.com>.
    A hard break follows\
    and the line goes on.

    ## Python and Swift

    ```python
    import asyncio

    async def main():
        results = await asyncio.gather(fetch("a"), fetch("b"), return_exceptions=True)
        print(results)  # ['a', 'b']
    ```

    ```output
    ['a', 'b']
    ```

    ```swift
    let values = try await gather(fetch("a"), fetch("b"))  // a long line that has to wrap somewhere
    ```

    ### Nested lists

    - a first item that is long enough to wrap onto a second line
    - second item
      1. nested one
      2. nested two
         - deeper
    - third

    > A quote that is long enough to wrap, with **bold** inside, so the bar repeats.

    | API | Cancels the others on error | Results |
    |:----|:---------------------------:|--------:|
    | `gather` | no, they keep running | in argument order |
    | `TaskGroup` | yes | per task |

    ---

    The end.
    """#

  @Test func rendersEveryElementAt40Columns() {
    let expected = #"""
      Gather runs tasks concurrently
      ══════════════════════════════

      Plain text with emphasis, strong,
      ~~struck~~ and `inline code`, plus a
      link to the docs
      (https://docs.python.org/3/library/async
      io.html) and https://example.com. A hard
      break follows
      and the line goes on.

      Python and Swift
      ────────────────

      ╭─ python ─────────────────────────
      │ import asyncio
      │
      │ async def main():
      │     results = await
      │     ↪ asyncio.gather(fetch("a"),
      │     ↪ fetch("b"),
      │     ↪ return_exceptions=True)
      │     print(results)  # ['a', 'b']
      ╰──────────────────────────────────

      ╭─ output ───
      ┊ ['a', 'b']
      ╰────────────

      ╭─ swift ──────────────────────────────
      │ let values = try await
      │ ↪ gather(fetch("a"), fetch("b"))  //
      │ ↪ a long line that has to wrap
      │ ↪ somewhere
      ╰──────────────────────────────────────

      ▸ Nested lists

      • a first item that is long enough to
        wrap onto a second line
      • second item
        1. nested one
        2. nested two
           ▪ deeper
      • third

      │ A quote that is long enough to wrap,
      │ with bold inside, so the bar repeats.

      ┌─────────────┬─────────────┬──────────┐
      │ API         │ Cancels the │  Results │
      │             │  others on  │          │
      │             │    error    │          │
      ├─────────────┼─────────────┼──────────┤
      │ `gather`    │  no, they   │       in │
      │             │    keep     │ argument │
      │             │   running   │    order │
      ├─────────────┼─────────────┼──────────┤
      │ `TaskGroup` │     yes     │ per task │
      └─────────────┴─────────────┴──────────┘

      ────────────────────────────────────────

      The end.
      """#
    #expect(MarkdownRenderer(width: 40, color: false).string(for: MarkdownParser.parse(Self.fixture)) == expected)
  }

  @Test func rendersEveryElementAt60Columns() {
    let expected = #"""
      Gather runs tasks concurrently
      ══════════════════════════════

      Plain text with emphasis, strong, ~~struck~~ and `inline
      code`, plus a link to the docs
      (https://docs.python.org/3/library/asyncio.html) and
      https://example.com. A hard break follows
      and the line goes on.

      Python and Swift
      ────────────────

      ╭─ python ───────────────────────────────────────
      │ import asyncio
      │
      │ async def main():
      │     results = await asyncio.gather(fetch("a"),
      │     ↪ fetch("b"), return_exceptions=True)
      │     print(results)  # ['a', 'b']
      ╰────────────────────────────────────────────────

      ╭─ output ───
      ┊ ['a', 'b']
      ╰────────────

      ╭─ swift ───────────────────────────────────────────────────
      │ let values = try await gather(fetch("a"), fetch("b"))  //
      │ ↪ a long line that has to wrap somewhere
      ╰───────────────────────────────────────────────────────────

      ▸ Nested lists

      • a first item that is long enough to wrap onto a second
        line
      • second item
        1. nested one
        2. nested two
           ▪ deeper
      • third

      │ A quote that is long enough to wrap, with bold inside, so
      │ the bar repeats.

      ┌─────────────┬────────────────────────┬───────────────────┐
      │ API         │ Cancels the others on  │           Results │
      │             │         error          │                   │
      ├─────────────┼────────────────────────┼───────────────────┤
      │ `gather`    │ no, they keep running  │ in argument order │
      │ `TaskGroup` │          yes           │          per task │
      └─────────────┴────────────────────────┴───────────────────┘

      ────────────────────────────────────────────────────────────

      The end.
      """#
    #expect(MarkdownRenderer(width: 60, color: false).string(for: MarkdownParser.parse(Self.fixture)) == expected)
  }

  @Test func rendersEveryElementAt100Columns() {
    let expected = #"""
      Gather runs tasks concurrently
      ══════════════════════════════

      Plain text with emphasis, strong, ~~struck~~ and `inline code`, plus a link to the docs
      (https://docs.python.org/3/library/asyncio.html) and https://example.com. A hard break follows
      and the line goes on.

      Python and Swift
      ────────────────

      ╭─ python ──────────────────────────────────────────────────────────────────────────
      │ import asyncio
      │
      │ async def main():
      │     results = await asyncio.gather(fetch("a"), fetch("b"), return_exceptions=True)
      │     print(results)  # ['a', 'b']
      ╰───────────────────────────────────────────────────────────────────────────────────

      ╭─ output ───
      ┊ ['a', 'b']
      ╰────────────

      ╭─ swift ─────────────────────────────────────────────────────────────────────────────────────────
      │ let values = try await gather(fetch("a"), fetch("b"))  // a long line that has to wrap somewhere
      ╰─────────────────────────────────────────────────────────────────────────────────────────────────

      ▸ Nested lists

      • a first item that is long enough to wrap onto a second line
      • second item
        1. nested one
        2. nested two
           ▪ deeper
      • third

      │ A quote that is long enough to wrap, with bold inside, so the bar repeats.

      ┌─────────────┬─────────────────────────────┬───────────────────┐
      │ API         │ Cancels the others on error │           Results │
      ├─────────────┼─────────────────────────────┼───────────────────┤
      │ `gather`    │    no, they keep running    │ in argument order │
      │ `TaskGroup` │             yes             │          per task │
      └─────────────┴─────────────────────────────┴───────────────────┘

      ────────────────────────────────────────────────────────────────────────────────────────────────────

      The end.
      """#
    #expect(MarkdownRenderer(width: 100, color: false).string(for: MarkdownParser.parse(Self.fixture)) == expected)
  }

  @Test func withColorOnStylesAreEscapeSequences() {
    let output = MarkdownRenderer(width: 60, color: true).string(for: MarkdownParser.parse(Self.fixture))
    let escape = "\u{1B}["
    #expect(output.hasPrefix(escape + "1;36mGather runs tasks concurrently" + escape + "0m\n"))
    #expect(output.contains(escape + "3memphasis" + escape + "0m"))
    #expect(output.contains(escape + "1mstrong" + escape + "0m"))
    #expect(output.contains(escape + "9mstruck" + escape + "0m"))
    #expect(output.contains(escape + "33minline code" + escape + "0m"), "inline code is colored, without backticks")
    #expect(output.contains(escape + "4;34mlink to the docs" + escape + "0m"))
    #expect(output.contains(escape + "35mimport" + escape + "0m asyncio"), "python keyword")
    #expect(output.contains(escape + "32m\"a\"" + escape + "0m"), "python string")
    #expect(output.contains(escape + "2;3m# ['a', 'b']" + escape + "0m"), "python comment")
    #expect(output.contains(escape + "35mlet" + escape + "0m values"), "swift keyword")
    #expect(output.contains(escape + "32m┊ " + escape + "0m['a', 'b']"), "output blocks have a green bar")
  }

  @Test func withColorOffThereIsNoEscapeSequenceAtAll() {
    for width in [20, 40, 60, 100] {
      let output = MarkdownRenderer(width: width, color: false).string(for: MarkdownParser.parse(Self.fixture))
      #expect(!output.contains("\u{1B}"))
    }
  }

  @Test func noLineIsWiderThanTheWidthFromTwentyToAHundredColumns() {
    let document = MarkdownParser.parse(Self.fixture)
    for width in 20...100 {
      let tooWide = MarkdownRenderer(width: width, color: false).lines(for: document).filter { $0.displayWidth > width }
      #expect(tooWide.map(\.plainText) == [], "at \(width) columns")
    }
  }

  @Test func widthIsCappedAtAHundredColumns() {
    #expect(MarkdownRenderer(width: 300, color: false).width == 100)
    let rule = MarkdownRenderer(width: 300, color: false).string(for: MarkdownParser.parse("---\n"))
    #expect(rule == String(repeating: "─", count: 100))
  }

  @Test func aTableTooWideForItsWordsBecomesRecords() {
    let markdown =
      "| API | Cancels the others on error |\n|---|---|\n| `asyncio.gather` | no, they keep running |\n| `asyncio.TaskGroup` | yes |\n"
    let expected = """
      • API:
        `asyncio.gather`
        Cancels the others
        on error: no, they
        keep running

      • API:
        `asyncio.TaskGroup`
        Cancels the others
        on error: yes
      """
    #expect(MarkdownRenderer(width: 22, color: false).string(for: MarkdownParser.parse(markdown)) == expected)
  }

  @Test func looseListsKeepABlankLineBetweenItems() {
    let expected = """
      1. one

      2. two

         more
      """
    #expect(
      MarkdownRenderer(width: 40, color: false).string(for: MarkdownParser.parse("1. one\n\n2. two\n\n   more\n"))
        == expected)
  }

  @Test func orderedMarkersAreRightAlignedAndContinueFromTheStart() {
    let markdown = (9...11).map { "\($0). item \($0)" }.joined(separator: "\n")
    let expected = """
       9. item 9
      10. item 10
      11. item 11
      """
    #expect(MarkdownRenderer(width: 40, color: false).string(for: MarkdownParser.parse(markdown)) == expected)
  }

  @Test func linksShowTheirAddressOnceAndImagesTheirAltText() {
    let markdown = "[docs](https://d.org), <https://x.org>, www.y.org, ![a chart](chart.png)"
    #expect(
      MarkdownRenderer(width: 100, color: false).string(for: MarkdownParser.parse(markdown))
        == "docs (https://d.org), https://x.org, www.y.org, [image: a chart] (chart.png)")
  }

  @Test func codeLinesContinueUnderTheirIndentationAndTabsBecomeSpaces() {
    let markdown = "```python\nif x:\n\treturn some_function(argument_one, argument_two)\n```\n"
    let expected = """
      ╭─ python ──────────────────────
      │ if x:
      │     return
      │     ↪ some_function(argument_o
      │     ↪ ne, argument_two)
      ╰───────────────────────────────
      """
    #expect(MarkdownRenderer(width: 32, color: false).string(for: MarkdownParser.parse(markdown)) == expected)
  }

  @Test func untaggedAndIndentedCodeIsLabelledCode() {
    let expected = """
      ╭─ code ───
      │ x = 1
      ╰──────────
      """
    #expect(MarkdownRenderer(width: 40, color: false).string(for: MarkdownParser.parse("    x = 1\n")) == expected)
  }

  @Test func nestedQuotesRepeatTheBarAndBlankLinesCarryIt() {
    let expected = """
      │ one
      │
      │ │ two
      """
    #expect(
      MarkdownRenderer(width: 40, color: false).string(for: MarkdownParser.parse("> one\n>\n> > two\n")) == expected)
  }

  @Test func aTinyWidthStillRendersEveryCharacter() {
    let output = MarkdownRenderer(width: 1, color: false).string(for: MarkdownParser.parse(Self.fixture))
    #expect(output.contains("T\nh\ne\n"))
  }
}

@Suite struct LessonRendererTests {
  private func lesson(body: String) -> Lesson {
    Lesson(
      number: 5, id: "results-order", title: "Results come back in order", section: "Results Order",
      demo: "ordering", fileName: "05-results-order.md", body: body
    )
  }

  @Test func startsWithWhereTheLessonSitsThenTheTitleWhenTheBodyHasNone() {
    let expected = """
      Lesson 5/13 · results-order · guide: Results Order

      Results come back in order
      ══════════════════════════

      Body text.

      """
    #expect(LessonRenderer(width: 60, color: false).string(for: lesson(body: "Body text.\n"), total: 13) == expected)
  }

  @Test func keepsTheBodysOwnTitle() {
    let expected = """
      Lesson 5/13 · results-order ·
      guide: Results Order

      Own title
      ═════════

      """
    #expect(LessonRenderer(width: 30, color: false).string(for: lesson(body: "# Own title\n"), total: 13) == expected)
  }
}
