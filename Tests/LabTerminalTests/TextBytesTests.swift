import LabTerminal
import PropertyBased
import Testing

@Suite struct TextBytesTests {
  /// Characters a lesson's text is made of, with line ends among them and characters of several
  /// bytes and scalars.
  static let character = Gen<Character?>.element(of: ["a", " ", "\n", "\t", "é", "e\u{301}", "界", "👍🏽"]).map { $0 ?? "a" }

  @Test func splitsWhereSplittingByCharacterDoes() async {
    await propertyCheck(count: 300, input: Self.character.string(of: 0...40)) { text in
      #expect(text.lineSlices == text.split(separator: "\n", omittingEmptySubsequences: false), "\(text.debugDescription)")
      let slice = ("x\n" + text).dropFirst(2)
      #expect(slice.lineSlices == slice.split(separator: "\n", omittingEmptySubsequences: false), "\(text.debugDescription)")
    }
  }

  @Test func keepsEmptyLinesAndTheLineAfterAFinalLineEnd() {
    #expect("".lineSlices == [""])
    #expect("one".lineSlices == ["one"])
    #expect("one\n".lineSlices == ["one", ""])
    #expect("one\n\ntwo".lineSlices == ["one", "", "two"])
    #expect("\n".lineSlices == ["", ""])
  }

  @Test func splitsAWindowsLineEndBeforeItsLineFeed() {
    // Unlike a split by Character, where "\r\n" is one character: the lessons' text has "\n"
    // line ends by the time it is drawn.
    #expect("one\r\ntwo".lineSlices == ["one\r", "two"])
  }

  @Test func findsAByteWhereverItIs() {
    #expect("one\r\ntwo".contains(byte: UInt8(ascii: "\r")))
    #expect("\tcode".contains(byte: UInt8(ascii: "\t")))
    #expect(!"é界👍🏽 plain".contains(byte: UInt8(ascii: "\t")))
    #expect(!"".contains(byte: UInt8(ascii: "\r")))
    #expect(String(repeating: "x", count: 5_000).appending("\r").contains(byte: UInt8(ascii: "\r")))
  }
}
