/// A lesson body as a small tree of Markdown blocks and inlines, independent of the C parser.
///
/// `MarkdownParser` builds it from cmark-gfm; the renderer and the linter read it as plain Swift
/// values, so both are pure and testable. Blocks remember the line they start on in the lesson
/// file, for `file:line:` messages.
///
/// ```swift
/// let document = MarkdownParser.parse("# Hi\n\nSome *text*.\n")
/// document.blocks[0].kind  // .heading(level: 1, [.text("Hi")])
/// ```
public struct MarkdownDocument: Sendable, Equatable {
  public var blocks: [MarkdownBlock]

  public init(blocks: [MarkdownBlock]) {
    self.blocks = blocks
  }

  /// Every block in reading order, containers before what they contain.
  public var allBlocks: [MarkdownBlock] {
    blocks.flatMap(\.selfAndDescendants)
  }
}

/// One block of a Markdown document and the line of the lesson file where it starts.
public struct MarkdownBlock: Sendable, Equatable {
  /// How a table column is aligned.
  public enum Alignment: Sendable, Equatable {
    case none, left, center, right
  }

  /// What the block is.
  public indirect enum Kind: Sendable, Equatable {
    case heading(level: Int, [MarkdownInline])
    case paragraph([MarkdownInline])
    /// A fenced block (`info` is the text after the fence, "" when untagged) or an indented one.
    case codeBlock(info: String, code: String, fenced: Bool)
    /// A list; `start` is the first number of an ordered list; `tight` lists have no blank lines
    /// between items.
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    case blockQuote([MarkdownBlock])
    /// A GFM table: a header row, then body rows; each cell is a run of inlines.
    case table(alignments: [Alignment], header: [[MarkdownInline]], rows: [[[MarkdownInline]]])
    case thematicBreak
    case html(String)
  }

  public var kind: Kind
  /// The 1-based line of the lesson file where the block starts.
  public var line: Int

  public init(_ kind: Kind, line: Int) {
    self.kind = kind
    self.line = line
  }

  /// The block and, for containers, every block inside it, in reading order.
  public var selfAndDescendants: [MarkdownBlock] {
    switch kind {
    case .list(_, _, _, let items): [self] + items.flatMap { $0.flatMap(\.selfAndDescendants) }
    case .blockQuote(let children): [self] + children.flatMap(\.selfAndDescendants)
    default: [self]
    }
  }
}

/// A run of text inside a block.
public indirect enum MarkdownInline: Sendable, Equatable {
  case text(String)
  case emphasis([MarkdownInline])
  case strong([MarkdownInline])
  case strikethrough([MarkdownInline])
  case code(String)
  case link(destination: String, [MarkdownInline])
  case image(source: String, alt: [MarkdownInline])
  /// A line break in the source that is not a hard break: shown as a space.
  case softBreak
  /// A hard break (two trailing spaces or a backslash): a new line.
  case lineBreak
  case html(String)

  /// The text a reader would see, without any formatting.
  public var plainText: String {
    switch self {
    case .text(let text), .code(let text), .html(let text): text
    case .emphasis(let children), .strong(let children), .strikethrough(let children): children.plainText
    case .link(_, let children): children.plainText
    case .image(_, let alt): alt.plainText
    case .softBreak: " "
    case .lineBreak: "\n"
    }
  }
}

extension [MarkdownInline] {
  /// The text a reader would see, without any formatting.
  public var plainText: String { map(\.plainText).joined() }
}
