import LabTerminal

/// Renders a `MarkdownDocument` for a terminal: a pure function from a document, a width and a
/// color flag to lines of styled text.
///
/// Prose wraps at the width without cutting words (a word wider than the line is split); code
/// lines wider than the box wrap onto lines marked `↪`, so nothing is ever cut silently. With
/// color off the output is plain text that still reads well: inline code keeps its backticks,
/// strikethrough its tildes, and headings, code boxes, quotes and tables are drawn with
/// characters, not colors.
///
/// ```swift
/// let renderer = MarkdownRenderer(width: 60, color: false)
/// print(renderer.string(for: lesson.document))
/// ```
public struct MarkdownRenderer: Sendable {
  /// Lessons are never set wider than this, however wide the terminal.
  public static let maximumWidth = 100

  /// The styles of the elements, in one place.
  public enum Theme {
    public static let heading1 = TextStyle(foreground: .cyan, bold: true)
    public static let heading2 = TextStyle(foreground: .cyan, bold: true)
    public static let heading3 = TextStyle(bold: true)
    public static let headingMarker = TextStyle(foreground: .cyan)
    public static let inlineCode = TextStyle(foreground: .yellow)
    public static let link = TextStyle(foreground: .blue, underline: true)
    public static let url = TextStyle(dim: true)
    public static let bullet = TextStyle(foreground: .cyan)
    public static let quoteBar = TextStyle(foreground: .cyan, dim: true)
    public static let codeFrame = TextStyle(dim: true)
    public static let codeLabel = TextStyle(bold: true)
    public static let outputFrame = TextStyle(foreground: .green)
    public static let outputLabel = TextStyle(foreground: .green, bold: true)
    public static let continuation = TextStyle(foreground: .yellow, dim: true)
    public static let rule = TextStyle(dim: true)
    public static let html = TextStyle(dim: true)
  }

  /// The columns to fit, between 1 and `maximumWidth`.
  public let width: Int
  public let color: Bool

  public init(width: Int, color: Bool) {
    self.width = max(1, min(width, Self.maximumWidth))
    self.color = color
  }

  /// The document as terminal lines, none wider than `width` (unless the width is too small for
  /// the frame of a nested block).
  public func lines(for document: MarkdownDocument) -> [StyledText] {
    render(document.blocks, width: width, depth: 0, tight: false)
  }

  /// The document as one string, lines joined by "\n", with escape codes only when `color` is on.
  public func string(for document: MarkdownDocument) -> String {
    lines(for: document).map { $0.rendered(color: color) }.joined(separator: "\n")
  }

  // MARK: Blocks

  func render(_ blocks: [MarkdownBlock], width: Int, depth: Int, tight: Bool) -> [StyledText] {
    var output: [StyledText] = []
    for block in blocks {
      let lines = render(block, width: width, depth: depth)
      guard !lines.isEmpty else { continue }
      if !output.isEmpty, !tight { output.append(StyledText()) }
      output += lines
    }
    return output
  }

  func render(_ block: MarkdownBlock, width: Int, depth: Int) -> [StyledText] {
    switch block.kind {
    case .heading(let level, let inlines):
      return heading(level: level, inlines, width: width)
    case .paragraph(let inlines):
      return TextWrapper.wrap(text(inlines), width: width)
    case .codeBlock(let info, let code, _):
      return codeBlock(info: info, code: code, width: width)
    case .list(let ordered, let start, let tight, let items):
      return list(ordered: ordered, start: start, tight: tight, items: items, width: width, depth: depth)
    case .blockQuote(let children):
      let bar = StyledText("│ ", style: Theme.quoteBar)
      let inner = render(children, width: max(1, width - 2), depth: depth, tight: false)
      return Self.prefix(inner, first: bar, rest: bar)
    case .table(let alignments, let header, let rows):
      let table = MarkdownTable(
        alignments: alignments,
        header: header.map { text($0).applying(.bold) },
        rows: rows.map { $0.map { text($0) } }
      )
      return table.render(width: width)
    case .thematicBreak:
      return [StyledText(String(repeating: "─", count: width), style: Theme.rule)]
    case .html(let html):
      let trimmed = html.hasSuffix("\n") ? String(html.dropLast()) : html
      return TextWrapper.wrap(StyledText(trimmed, style: Theme.html), width: width)
    }
  }

  private func heading(level: Int, _ inlines: [MarkdownInline], width: Int) -> [StyledText] {
    switch level {
    case 1, 2:
      let style = level == 1 ? Theme.heading1 : Theme.heading2
      let lines = TextWrapper.wrap(text(inlines).applying(style), width: width)
      let ruleWidth = min(width, lines.map(\.displayWidth).max() ?? 0)
      let rule = StyledText(String(repeating: level == 1 ? "═" : "─", count: ruleWidth), style: style)
      return lines + [rule]
    default:
      let marker = StyledText("▸ ", style: Theme.headingMarker)
      let lines = TextWrapper.wrap(text(inlines).applying(Theme.heading3), width: max(1, width - 2))
      return Self.prefix(lines, first: marker, rest: "  ")
    }
  }

  /// A code block in a box: a label line, the code behind a bar (`│` for code, `┊` for program
  /// output), a closing line. Long lines continue on lines marked `↪`, indented like the line.
  private func codeBlock(info: String, code: String, width: Int) -> [StyledText] {
    let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
    let language = words.first ?? ""
    let isOutput = language == "output"
    let frame = isOutput ? Theme.outputFrame : Theme.codeFrame
    let bar = StyledText(isOutput ? "┊ " : "│ ", style: frame)
    let marker = StyledText("↪ ", style: Theme.continuation)
    let inner = max(1, width - bar.displayWidth)

    var source = code.hasSuffix("\n") ? String(code.dropLast()) : code
    source = Self.expandingTabs(source)
    let highlighted = CodeHighlighter.highlight(source, language: color ? language : "")
    var body: [StyledText] = []
    if !source.isEmpty {
      for line in highlighted {
        guard line.displayWidth > inner else {
          body.append(bar + line)
          continue
        }
        // Continuations line up under the code they continue, with the marker in front.
        let indentation = min(line.plainText.prefix { $0 == " " }.count, inner / 2)
        let continuation = StyledText(String(repeating: " ", count: indentation)) + marker
        let pieces = Self.splitCode(line, first: inner, rest: max(1, inner - continuation.displayWidth))
        for (index, piece) in pieces.enumerated() {
          body.append(index == 0 ? bar + piece : bar + continuation + piece)
        }
      }
    }
    // An output block that names Python versions says so: "output · Python 3.12+".
    let label =
      words.isEmpty ? "code"
      : isOutput && words.count > 1 ? "output · Python " + words.dropFirst().joined(separator: ", ")
      : words.joined(separator: " · ")
    let labelPart =
      StyledText("╭─ ", style: frame) + StyledText(label, style: isOutput ? Theme.outputLabel : Theme.codeLabel)
      + StyledText(" ", style: frame)
    let boxWidth = min(width, max(body.map(\.displayWidth).max() ?? 0, labelPart.displayWidth + 3))
    var top = labelPart.truncated(to: width)
    top.append(String(repeating: "─", count: max(0, boxWidth - top.displayWidth)), style: frame)
    let bottom = StyledText("╰" + String(repeating: "─", count: max(0, boxWidth - 1)), style: frame)
    return [top] + body.map(Self.trimmingTrailingSpaces) + [bottom]
  }

  private func list(
    ordered: Bool,
    start: Int,
    tight: Bool,
    items: [[MarkdownBlock]],
    width: Int,
    depth: Int
  ) -> [StyledText] {
    let bullets = ["•", "◦", "▪"]
    let markers = items.indices.map { ordered ? "\(start + $0)." : bullets[depth % bullets.count] }
    let markerWidth = (markers.map { DisplayWidth.of($0) }.max() ?? 1) + 1
    var output: [StyledText] = []
    for (index, item) in items.enumerated() {
      if index > 0, !tight { output.append(StyledText()) }
      var content = render(item, width: max(1, width - markerWidth), depth: depth + 1, tight: tight)
      if content.isEmpty { content = [StyledText()] }
      let padding = String(repeating: " ", count: markerWidth - 1 - DisplayWidth.of(markers[index]))
      let marker =
        ordered
        ? StyledText(padding + markers[index] + " ", style: Theme.bullet)
        : StyledText(markers[index] + padding + " ", style: Theme.bullet)
      output += Self.prefix(content, first: marker, rest: StyledText(String(repeating: " ", count: markerWidth)))
    }
    return output
  }

  // MARK: Inlines

  /// Inline Markdown as one run of styled text; hard breaks become "\n" for the wrapper.
  func text(_ inlines: [MarkdownInline]) -> StyledText {
    var output = StyledText()
    for inline in inlines {
      switch inline {
      case .text(let text):
        output.append(text)
      case .softBreak:
        output.append(" ")
      case .lineBreak:
        output.append("\n")
      case .emphasis(let children):
        output.append(text(children).applying(.italic))
      case .strong(let children):
        output.append(text(children).applying(.bold))
      case .strikethrough(let children):
        if color {
          output.append(text(children).applying(.strikethrough))
        } else {
          output.append("~~" + children.plainText + "~~")
        }
      case .code(let code):
        output.append(color ? code : "`" + code + "`", style: Theme.inlineCode)
      case .link(let destination, let children):
        let label = children.plainText
        if label.isEmpty || Self.isSameAddress(label, destination) {
          output.append(label.isEmpty ? destination : label, style: Theme.link)
        } else {
          output.append(text(children).applying(Theme.link))
          output.append(" (" + destination + ")", style: Theme.url)
        }
      case .image(let source, let alt):
        let description = alt.plainText
        output.append("[image" + (description.isEmpty ? "" : ": " + description) + "]", style: Theme.link)
        if !source.isEmpty { output.append(" (" + source + ")", style: Theme.url) }
      case .html(let html):
        output.append(html, style: Theme.html)
      }
    }
    return output
  }

  /// An autolink's text is its address, give or take the scheme autolinking added.
  private static func isSameAddress(_ text: String, _ destination: String) -> Bool {
    ["", "mailto:", "http://", "https://"].contains { $0 + text == destination }
  }

  // MARK: Helpers

  /// `lines` behind `first` (first line) and `rest` (the others); empty lines get the prefix
  /// without its trailing spaces, so no line ends in blanks.
  static func prefix(_ lines: [StyledText], first: StyledText, rest: StyledText) -> [StyledText] {
    lines.enumerated().map { index, line in
      let prefix = index == 0 ? first : rest
      return line.isEmpty ? trimmingTrailingSpaces(prefix) : prefix + line
    }
  }

  static func trimmingTrailingSpaces(_ line: StyledText) -> StyledText {
    var spans = line.spans
    while let last = spans.last {
      // From the end only (reversing the whole line was most of the cost of drawing code).
      var trimmed = last.text
      while trimmed.last == " " { trimmed.removeLast() }
      if trimmed.isEmpty {
        spans.removeLast()
      } else {
        spans[spans.count - 1].text = trimmed
        break
      }
    }
    return StyledText(spans: spans)
  }

  /// Tabs to spaces, to the next multiple of four columns.
  static func expandingTabs(_ text: String) -> String {
    guard text.contains(byte: UInt8(ascii: "\t")) else { return text }
    var output = ""
    var column = 0
    for character in text {
      switch character {
      case "\t":
        let spaces = 4 - column % 4
        output += String(repeating: " ", count: spaces)
        column += spaces
      case "\n":
        output.append(character)
        column = 0
      default:
        output.append(character)
        column += DisplayWidth.of(character)
      }
    }
    return output
  }

  /// A code line in pieces: the first at most `first` columns, the others at most `rest`. A piece
  /// ends after the last space that fits, when there is one past the indentation; otherwise at
  /// the column limit.
  static func splitCode(_ line: StyledText, first: Int, rest: Int) -> [StyledText] {
    guard line.displayWidth > first else { return [line] }
    let cells = line.spans.flatMap { span in span.text.map { (character: $0, style: span.style) } }
    var pieces: [StyledText] = []
    var start = 0
    while start < cells.count {
      let limit = pieces.isEmpty ? first : rest
      var end = start
      var columns = 0
      while end < cells.count, columns + DisplayWidth.of(cells[end].character) <= limit {
        columns += DisplayWidth.of(cells[end].character)
        end += 1
      }
      if end == start { end = start + 1 }
      if end < cells.count {
        let indentation = cells[start..<end].prefix { $0.character == " " }.count
        if let space = cells[start..<end].lastIndex(where: { $0.character == " " }), space >= start + indentation {
          end = space + 1
        }
        // Spaces at the break stay at the end of this piece, so the next starts with code.
        while end < cells.count, cells[end].character == " " { end += 1 }
      }
      var piece = StyledText()
      for cell in cells[start..<end] { piece.append(String(cell.character), style: cell.style) }
      pieces.append(piece)
      start = end
    }
    return pieces
  }
}
