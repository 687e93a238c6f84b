import LabTerminal
import Testing

@Suite struct TextWrapperTests {
  private func wrap(_ text: StyledText, _ width: Int) -> [String] {
    TextWrapper.wrap(text, width: width).map(\.plainText)
  }

  @Test func breaksAtSpacesAndNeverInsideAWord() {
    #expect(
      wrap("the quick brown fox jumps over the lazy dog", 10) == [
        "the quick", "brown fox", "jumps over", "the lazy", "dog",
      ])
  }

  @Test func aWordExactlyAsWideAsTheLineFitsOnIt() {
    #expect(wrap("abcde fghij", 5) == ["abcde", "fghij"])
  }

  @Test func splitsOnlyAWordWiderThanTheLineAndStartsItOnItsOwnLine() {
    #expect(
      wrap("see https://example.com/a/long/path now", 10) == ["see", "https://ex", "ample.com/", "a/long/pat", "h now"])
  }

  @Test func aNewlineIsAForcedBreakAndTwoMakeAnEmptyLine() {
    #expect(wrap("one\ntwo\n\nthree", 20) == ["one", "two", "", "three"])
  }

  @Test func collapsesNothingButDropsSpacesWhereALineBreaks() {
    #expect(wrap("a  b    c", 4) == ["a  b", "c"])
  }

  @Test func keepsStylesAcrossWordsAndLines() {
    var text = StyledText("plain ")
    text.append("bold words here", style: .bold)
    let lines = TextWrapper.wrap(text, width: 10)
    #expect(lines.map(\.plainText) == ["plain bold", "words here"])
    #expect(lines[0].spans == [StyledText.Span("plain "), StyledText.Span("bold", style: .bold)])
    #expect(lines[1].spans == [StyledText.Span("words here", style: .bold)])
  }

  @Test func countsWideCharactersAsTwoColumns() {
    #expect(wrap("日本語 テキスト", 6) == ["日本語", "テキス", "ト"])
  }

  @Test func emptyTextHasNoLines() {
    #expect(wrap("", 10) == [])
  }

  @Test func hardSplitCutsAtTheColumnLimitWithAtLeastOneCharacterAPiece() {
    #expect(TextWrapper.hardSplit("abcdefg", width: 3).map(\.plainText) == ["abc", "def", "g"])
    #expect(TextWrapper.hardSplit("日本", width: 1).map(\.plainText) == ["日", "本"])
  }
}

/// The scalar way `wrap` takes for most text gives what the `Character` way gives.
@Suite struct TextWrapperPathTests {
  /// A small deterministic generator (no seed from the clock: a failure repeats).
  private struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  @Test func textOfOneScalarPerCharacterWrapsTheSameByScalarsAndByCharacters() {
    var generator = Generator(state: 42)
    let pieces = ["a", "bb", "word", "longerword", "x" + String(repeating: "y", count: 25), " ", "  ", "\t", "\n", "\u{1B}", "-", ".,", "–", "…", "é", "→", "│", "\u{AD}"]
    let styles: [TextStyle] = [.plain, TextStyle(bold: true), TextStyle(foreground: .red)]
    for _ in 0..<2000 {
      var text = StyledText()
      for _ in 0..<(1 + generator.next(12)) {
        text.append(pieces[generator.next(pieces.count)], style: styles[generator.next(styles.count)])
      }
      let width = generator.next(30)
      let scalars = TextWrapper.wrap(text, width: width, byScalars: true)
      let characters = TextWrapper.wrap(text, width: width, byScalars: false)
      #expect(scalars == characters, "\(text.spans.map(\.text)) at \(width)")
      if scalars != characters { return }
    }
  }
}
