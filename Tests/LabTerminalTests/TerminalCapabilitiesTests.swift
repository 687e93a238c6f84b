import LabTerminal
import Testing

@Suite struct TerminalCapabilitiesTests {
  @Test func aTerminalGetsColorAndCursorMovementAtItsOwnWidth() {
    let capabilities = TerminalCapabilities.resolve(
      isTTY: true, environment: ["TERM": "xterm-256color", "COLUMNS": "200"], windowSize: (100, 30)
    )
    #expect(capabilities == TerminalCapabilities(isTTY: true, color: true, cursorMovement: true, width: 100, height: 30))
  }

  /// no-color.org: NO_COLOR removes color and nothing else; the live view, the pager and step
  /// keys need cursor movement and keep it.
  @Test(arguments: [
    ["NO_COLOR": "1"],
    ["NO_COLOR": ""],
  ])
  func noColorRemovesColorAndKeepsCursorMovement(environment: [String: String]) {
    let capabilities = TerminalCapabilities.resolve(isTTY: true, environment: environment, windowSize: (80, 24))
    #expect(capabilities == TerminalCapabilities(isTTY: true, color: false, cursorMovement: true, width: 80, height: 24))
  }

  @Test func aDumbTerminalGetsNoEscapeCodesAtAll() {
    let capabilities = TerminalCapabilities.resolve(isTTY: true, environment: ["TERM": "dumb", "NO_COLOR": "1"], windowSize: (80, 24))
    #expect(!capabilities.color)
    #expect(!capabilities.cursorMovement)
  }

  @Test func theNoColorFlagTurnsOffColorOnlyAsNoColorDoes() {
    let capabilities = TerminalCapabilities.resolve(isTTY: true, environment: [:], windowSize: (80, 24), noColorFlag: true)
    #expect(!capabilities.color && capabilities.cursorMovement)
  }

  @Test func aPipeGetsPlainTextAtColumnsOrEighty() {
    #expect(TerminalCapabilities.resolve(isTTY: false, environment: ["COLUMNS": "40"], windowSize: nil) == .plain(width: 40))
    #expect(TerminalCapabilities.resolve(isTTY: false, environment: ["COLUMNS": "zero"], windowSize: nil) == .plain(width: 80))
    #expect(TerminalCapabilities.resolve(isTTY: false, environment: [:], windowSize: nil) == .plain(width: 80))
  }
}

@Suite struct SecondsFormatTests {
  @Test func secondsHaveTwoDecimalsAndTicksDropTrailingZeros() {
    #expect(SecondsFormat.seconds(1.006) == "1.01s")
    #expect(SecondsFormat.seconds(12.3449) == "12.34s")
    #expect(SecondsFormat.seconds(0) == "0.00s")
    #expect(SecondsFormat.ratio(2.95) == "3.0×")
    #expect([0, 0.5, 1, 1.5, 10, 0.25].map(SecondsFormat.tick) == ["0s", "0.5s", "1s", "1.5s", "10s", "0.25s"])
  }
}

@Suite struct PlainTextWrapTests {
  @Test func wrapsAtWordsWithAHangingIndent() {
    #expect(TextWrapper.wrap("the quick brown fox jumps over the lazy dog", width: 16, indent: 2) == [
      "the quick",
      "  brown fox",
      "  jumps over the",
      "  lazy dog",
    ])
    #expect(TextWrapper.wrap("", width: 16) == [""])
  }

  @Test func splitsOnlyAWordLongerThanTheLine() {
    #expect(TextWrapper.wrap("a supercalifragilistic word", width: 10) == ["a", "supercalif", "ragilistic", "word"])
  }

  @Test func countsWideCharactersAsTwoColumns() {
    #expect(TextWrapper.wrap("日本語 日本語", width: 8) == ["日本語", "日本語"])
  }
}

@Suite struct StyledTextTests {
  @Test func truncationEndsWithAnEllipsisWithinTheWidth() {
    let text = StyledText("gather", style: .bold) + StyledText(" returned", style: .color(.green))
    #expect(text.truncated(to: 10).plainText == "gather re…")
    #expect(text.truncated(to: 20).plainText == "gather returned")
    #expect(text.rendered(color: true) == "\u{1B}[1mgather\u{1B}[0m\u{1B}[32m returned\u{1B}[0m")
    #expect(text.rendered(color: false) == "gather returned")
  }
}
