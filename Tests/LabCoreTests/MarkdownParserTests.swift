import LabCore
import Testing

@Suite struct MarkdownParserTests {
  @Test func buildsBlocksWithTheirLinesCountedFromTheGivenFirstLine() {
    let markdown = """
      # Title

      Some *soft*
      **break**\\
      hard.

      ```python fragment
      x = 1
      ```

      ---

      <div>raw</div>
      """
    let document = MarkdownParser.parse(markdown, firstLine: 7)
    #expect(
      document.blocks == [
        MarkdownBlock(.heading(level: 1, [.text("Title")]), line: 7),
        MarkdownBlock(
          .paragraph([
            .text("Some "), .emphasis([.text("soft")]), .softBreak, .strong([.text("break")]), .lineBreak,
            .text("hard."),
          ]),
          line: 9
        ),
        MarkdownBlock(.codeBlock(info: "python fragment", code: "x = 1\n", fenced: true), line: 13),
        MarkdownBlock(.thematicBreak, line: 17),
        MarkdownBlock(.html("<div>raw</div>\n"), line: 19),
      ])
  }

  @Test func readsListsWithTheirStartAndTightnessAndQuotes() {
    let document = MarkdownParser.parse("3. one\n4. two\n   - inner\n\n> quoted `code`\n")
    #expect(
      document.blocks == [
        MarkdownBlock(
          .list(
            ordered: true, start: 3, tight: true,
            items: [
              [MarkdownBlock(.paragraph([.text("one")]), line: 1)],
              [
                MarkdownBlock(.paragraph([.text("two")]), line: 2),
                MarkdownBlock(
                  .list(
                    ordered: false, start: 0, tight: true,
                    items: [[MarkdownBlock(.paragraph([.text("inner")]), line: 3)]]),
                  line: 3
                ),
              ],
            ]),
          line: 1
        ),
        MarkdownBlock(.blockQuote([MarkdownBlock(.paragraph([.text("quoted "), .code("code")]), line: 5)]), line: 5),
      ])
  }

  /// cmark-gfm keeps its inline special characters in one global table that every parse edits;
  /// parses at once on many threads (as parallel tests run them) must each still see `~`.
  @Test func parsesAtOnceOnManyThreadsEachKeepTheirExtensions() async {
    let expected: [MarkdownInline] = [
      .strikethrough([.text("gone")]), .text(" "), .link(destination: "http://www.example.com", [.text("www.example.com")]),
    ]
    let wrong = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<8 {
        group.addTask {
          (0..<300).filter { _ in
            MarkdownParser.parse("~~gone~~ www.example.com\n").blocks != [MarkdownBlock(.paragraph(expected), line: 1)]
          }.count
        }
      }
      return await group.reduce(0, +)
    }
    #expect(wrong == 0)
  }

  @Test func usesTheGFMTableStrikethroughAndAutolinkExtensions() {
    let document = MarkdownParser.parse("~~gone~~ www.example.com\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | [x](u) |\n")
    #expect(
      document.blocks == [
        MarkdownBlock(
          .paragraph([
            .strikethrough([.text("gone")]), .text(" "),
            .link(destination: "http://www.example.com", [.text("www.example.com")]),
          ]),
          line: 1
        ),
        MarkdownBlock(
          .table(
            alignments: [.left, .center, .right],
            header: [[.text("a")], [.text("b")], [.text("c")]],
            rows: [[[.text("1")], [.link(destination: "u", [.text("x")])], []]]
          ),
          line: 3
        ),
      ])
  }

  @Test func indentedCodeIsNotFenced() {
    #expect(
      MarkdownParser.parse("    indented\n").blocks == [
        MarkdownBlock(.codeBlock(info: "", code: "indented\n", fenced: false), line: 1)
      ])
  }

  @Test func allBlocksVisitsContainersAndTheirContents() {
    let document = MarkdownParser.parse("- a\n\n  ```\n  x\n  ```\n")
    #expect(document.allBlocks.map(\.line) == [1, 1, 3])
  }

  @Test func nestingDeeperThanTheLimitIsKeptAsPlainText() {
    let quotes = MarkdownParser.parse(String(repeating: ">", count: 50_000) + " deep *text*\n")
    var depth = 0
    var blocks = quotes.blocks
    while case .blockQuote(let children)? = blocks.first?.kind {
      depth += 1
      blocks = children
    }
    #expect(depth == MarkdownParser.maximumDepth)
    #expect(blocks == [MarkdownBlock(.paragraph([.text("deep text")]), line: 1)])

    let emphasis = MarkdownParser.parse(
      String(repeating: "*", count: 20_000) + "a" + String(repeating: "*", count: 20_000))
    #expect(emphasis.blocks.count == 1)
    #expect(MarkdownRenderer(width: 40, color: false).string(for: emphasis).contains("a"))
  }

  @Test func binaryGarbageParsesWithoutCrashing() {
    let garbage = String(decoding: (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }, as: UTF8.self)
    _ = MarkdownParser.parse(garbage)
  }
}
