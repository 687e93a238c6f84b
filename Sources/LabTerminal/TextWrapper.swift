/// Breaks styled text into lines that fit a number of terminal columns.
///
/// Lines break at spaces and never inside a word, unless a word alone is wider than a line; then,
/// and only then, the word is split at the column limit. A `"\n"` in the text is a forced break.
/// Spaces where a line breaks are dropped; styles carry over to the next line.
///
/// ```swift
/// TextWrapper.wrap("the quick brown fox", width: 10).map(\.plainText)
/// // ["the quick", "brown fox"]
/// ```
public enum TextWrapper {
  /// One character of styled text.
  private typealias Cell = (character: Character, style: TextStyle)

  /// The lines of `text`, each at most `width` columns wide (a width below 1 counts as 1).
  /// Empty text gives no lines; a forced break between two others gives an empty line.
  public static func wrap(_ text: StyledText, width: Int) -> [StyledText] {
    let width = max(1, width)
    var lines: [StyledText] = []
    var line = StyledText()
    var lineWidth = 0
    var pendingSpace: [Cell] = []
    var word: [Cell] = []

    func emitLine() {
      lines.append(line)
      line = StyledText()
      lineWidth = 0
    }

    func place(_ cells: [Cell]) {
      let wordWidth = columns(cells)
      if lineWidth > 0, lineWidth + columns(pendingSpace) + wordWidth <= width {
        append(pendingSpace, to: &line)
        append(cells, to: &line)
        lineWidth += columns(pendingSpace) + wordWidth
        return
      }
      if lineWidth > 0 { emitLine() }
      let pieces = split(cells, width: width)
      for piece in pieces.dropLast() {
        append(piece, to: &line)
        emitLine()
      }
      if let last = pieces.last {
        append(last, to: &line)
        lineWidth = columns(last)
      }
    }

    func flushWord() {
      guard !word.isEmpty else { return }
      place(word)
      word = []
      pendingSpace = []
    }

    for span in text.spans {
      for character in span.text {
        switch character {
        case "\n":
          flushWord()
          emitLine()
          pendingSpace = []
        case " ", "\t":
          flushWord()
          pendingSpace.append((" ", span.style))
        default:
          word.append((character, span.style))
        }
      }
    }
    flushWord()
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Plain `text` wrapped to `width` columns, lines after the first indented by `indent` spaces
  /// (a hanging indent); empty text gives one empty line.
  public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
    let lines = wrap(StyledText(text), width: max(1, width - indent)).map(\.plainText)
    guard !lines.isEmpty else { return [""] }
    let padding = String(repeating: " ", count: indent)
    return lines.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }
  }

  /// `text` cut into pieces of at most `width` columns, wherever the limit falls; for text that
  /// has no word boundaries to respect, such as a line of code. Every piece holds at least one
  /// character, so a character wider than `width` gets a piece of its own.
  public static func hardSplit(_ text: StyledText, width: Int) -> [StyledText] {
    let cells = text.spans.flatMap { span in span.text.map { (character: $0, style: span.style) } }
    return split(cells, width: max(1, width)).map { piece in
      var line = StyledText()
      append(piece, to: &line)
      return line
    }
  }

  private static func split(_ cells: [Cell], width: Int) -> [[Cell]] {
    var pieces: [[Cell]] = []
    var piece: [Cell] = []
    var pieceWidth = 0
    for cell in cells {
      let cellWidth = DisplayWidth.of(cell.character)
      if pieceWidth + cellWidth > width, !piece.isEmpty {
        pieces.append(piece)
        piece = []
        pieceWidth = 0
      }
      piece.append(cell)
      pieceWidth += cellWidth
    }
    if !piece.isEmpty { pieces.append(piece) }
    return pieces
  }

  private static func columns(_ cells: [Cell]) -> Int {
    cells.reduce(0) { $0 + DisplayWidth.of($1.character) }
  }

  private static func append(_ cells: [Cell], to line: inout StyledText) {
    for cell in cells { line.append(String(cell.character), style: cell.style) }
  }
}
