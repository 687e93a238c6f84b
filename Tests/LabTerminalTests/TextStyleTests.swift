import LabTerminal
import Testing

@Suite struct TextStyleTests {
  @Test func strikethroughIsSGRNine() {
    #expect(StyledText("gone", style: .strikethrough).rendered(color: true) == "\u{1B}[9mgone\u{1B}[0m")
  }

  @Test func applyingAddsStrikethroughToEverySpan() {
    let text = StyledText("a", style: .bold).applying(.strikethrough)
    #expect(text.spans == [StyledText.Span("a", style: TextStyle(bold: true, strikethrough: true))])
  }
}
