import LabCore
import LabTerminal
import Testing

@Suite struct CodeHighlighterTests {
  typealias Theme = CodeHighlighter.Theme

  @Test func colorsPythonKeywordsStringsNumbersAndComments() {
    let lines = CodeHighlighter.highlight("async def f():\n    return f\"{x}\", 42  # done", language: "python")
    #expect(
      lines.map(\.spans) == [
        [
          StyledText.Span("async", style: Theme.keyword), StyledText.Span(" "),
          StyledText.Span("def", style: Theme.keyword),
          StyledText.Span(" f():"),
        ],
        [
          StyledText.Span("    "), StyledText.Span("return", style: Theme.keyword), StyledText.Span(" "),
          StyledText.Span("f\"{x}\"", style: Theme.string), StyledText.Span(", "),
          StyledText.Span("42", style: Theme.number),
          StyledText.Span("  "), StyledText.Span("# done", style: Theme.comment),
        ],
      ])
  }

  @Test func aPythonTripleQuotedStringSpansLines() {
    let lines = CodeHighlighter.highlight("s = \"\"\"one\ntwo # not a comment\nthree\"\"\" + x", language: "python")
    #expect(
      lines.map(\.spans) == [
        [StyledText.Span("s = "), StyledText.Span("\"\"\"one", style: Theme.string)],
        [StyledText.Span("two # not a comment", style: Theme.string)],
        [StyledText.Span("three\"\"\"", style: Theme.string), StyledText.Span(" + x")],
      ])
  }

  @Test func colorsSwiftKeywordsAttributesAndBlockComments() {
    let lines = CodeHighlighter.highlight("@MainActor /* a\nb */ let s = \"a\\\"b\" // c", language: "swift")
    #expect(
      lines.map(\.spans) == [
        [
          StyledText.Span("@MainActor", style: Theme.attribute), StyledText.Span(" "),
          StyledText.Span("/* a", style: Theme.comment),
        ],
        [
          StyledText.Span("b */", style: Theme.comment), StyledText.Span(" "),
          StyledText.Span("let", style: Theme.keyword),
          StyledText.Span(" s = "), StyledText.Span("\"a\\\"b\"", style: Theme.string), StyledText.Span(" "),
          StyledText.Span("// c", style: Theme.comment),
        ],
      ])
  }

  @Test func wordsThatContainKeywordsAreNotKeywords() {
    #expect(
      CodeHighlighter.highlight("definitely = format", language: "python")[0].spans == [
        StyledText.Span("definitely = format")
      ])
  }

  @Test func otherLanguagesAreLeftPlain() {
    #expect(CodeHighlighter.highlight("def x # y", language: "text").map(\.spans) == [[StyledText.Span("def x # y")]])
  }
}
