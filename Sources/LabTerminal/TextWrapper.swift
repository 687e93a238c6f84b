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
  /// The lines of `text`, each at most `width` columns wide (a width below 1 counts as 1).
  /// Empty text gives no lines; a forced break between two others gives an empty line.
  public static func wrap(_ text: StyledText, width: Int) -> [StyledText] {
    // Text whose every scalar is a character (nearly all of it) is wrapped scalar by scalar:
    // the `Character` machinery costs several times as much.
    wrap(text, width: width, byScalars: text.spans.allSatisfy(\.isOneScalarPerCharacter))
  }

  /// `wrap(_:width:)` with the way through given: scalar by scalar (only right for text where
  /// every scalar is a character) or character by character. Public for the tests that compare
  /// both; `wrap(_:width:)` chooses.
  public static func wrap(_ text: StyledText, width: Int, byScalars: Bool) -> [StyledText] {
    let width = max(1, width)
    return wrap(Layout(text, byScalars: byScalars, tabsAsSpaces: true), width: width)
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
    let layout = Layout(text, byScalars: false, tabsAsSpaces: false)
    return layout.split(layout.cells[...], width: max(1, width)).map { piece in
      var line = StyledText()
      layout.append(piece, to: &line)
      return line
    }
  }

  private static func wrap(_ layout: Layout, width: Int) -> [StyledText] {
    var lines: [StyledText] = []
    var line = StyledText()
    var lineWidth = 0
    // The spaces since the last word, and the word being read, as ranges of the layout's cells.
    var spaceStart = 0, spaceWidth = 0
    var wordStart = 0, wordWidth = 0
    var index = 0

    func emitLine() {
      lines.append(line)
      line = StyledText()
      lineWidth = 0
    }

    func flushWord() {
      guard wordStart < index else { return }
      let word = layout.cells[wordStart..<index]
      if lineWidth > 0, lineWidth + spaceWidth + wordWidth <= width {
        layout.append(layout.cells[spaceStart..<wordStart], to: &line)
        layout.append(word, to: &line)
        lineWidth += spaceWidth + wordWidth
      } else {
        if lineWidth > 0 { emitLine() }
        let pieces = layout.split(word, width: width)
        for piece in pieces.dropLast() {
          layout.append(piece, to: &line)
          emitLine()
        }
        if let last = pieces.last {
          layout.append(last, to: &line)
          lineWidth = last.reduce(0) { $0 + $1.width }
        }
      }
    }

    while index < layout.cells.count {
      let cell = layout.cells[index]
      switch cell.kind {
      case .newline:
        flushWord()
        emitLine()
        spaceStart = index + 1
        spaceWidth = 0
        wordStart = index + 1
        wordWidth = 0
      case .space:
        // Spaces after a word start a new gap; more spaces widen it.
        if wordStart < index {
          flushWord()
          spaceStart = index
          spaceWidth = 0
        }
        spaceWidth += 1
        wordStart = index + 1
        wordWidth = 0
      case .text:
        wordWidth += cell.width
      }
      index += 1
    }
    flushWord()
    if !line.isEmpty { lines.append(line) }
    return lines
  }

  /// Text as cells, a character each, with their kind, width and style; a cell is a range of
  /// its span's text, so a run of cells is written back as one slice of it. (Not generic, and no
  /// `Character` per cell: unspecialised generic code makes the runtime look up conformances,
  /// and building strings a character at a time cost more than the wrapping.)
  fileprivate struct Layout {
    enum Kind { case text, space, newline }
    typealias Cell = (span: Int, start: String.Index, end: String.Index, kind: Kind, width: Int, style: TextStyle)

    let spans: [StyledText.Span]
    var cells: [Cell] = []
    /// Whether a space or tab is written as one space (wrapping, where a line goes on) rather
    /// than as itself.
    let tabsAsSpaces: Bool

    /// `byScalars`: read the text scalar by scalar (see `isOneScalarPerCharacter`).
    init(_ text: StyledText, byScalars: Bool, tabsAsSpaces: Bool) {
      spans = text.spans
      self.tabsAsSpaces = tabsAsSpaces
      for (spanIndex, span) in spans.enumerated() {
        if byScalars {
          let scalars = span.text.unicodeScalars
          var index = scalars.startIndex
          while index < scalars.endIndex {
            let next = scalars.index(after: index)
            let scalar = scalars[index]
            add(spanIndex, index, next, kind(scalar == "\n", scalar == " " || scalar == "\t"), DisplayWidth.of(scalar), span.style)
            index = next
          }
        } else {
          var index = span.text.startIndex
          while index < span.text.endIndex {
            let next = span.text.index(after: index)
            let character = span.text[index]
            add(spanIndex, index, next, kind(character == "\n", character == " " || character == "\t"), DisplayWidth.of(character), span.style)
            index = next
          }
        }
      }
    }

    private func kind(_ newline: Bool, _ space: Bool) -> Kind {
      newline ? .newline : space ? .space : .text
    }

    private mutating func add(_ span: Int, _ start: String.Index, _ end: String.Index, _ kind: Kind, _ width: Int, _ style: TextStyle) {
      cells.append((span, start, end, kind, width, style))
    }

    func split(_ cells: ArraySlice<Cell>, width: Int) -> [ArraySlice<Cell>] {
      var pieces: [ArraySlice<Cell>] = []
      var start = cells.startIndex
      var pieceWidth = 0
      for index in cells.indices {
        if pieceWidth + cells[index].width > width, start < index {
          pieces.append(cells[start..<index])
          start = index
          pieceWidth = 0
        }
        pieceWidth += cells[index].width
      }
      if start < cells.endIndex { pieces.append(cells[start...]) }
      return pieces
    }

    /// Appends `cells`: each run of neighbouring cells of one span, in one style, as one slice
    /// of the span's text (a space or tab as a space when `tabsAsSpaces`).
    func append(_ cells: ArraySlice<Cell>, to line: inout StyledText) {
      var start = cells.startIndex
      while start < cells.endIndex {
        let first = cells[start]
        if tabsAsSpaces, first.kind == .space {
          line.append(" ", style: first.style)
          start += 1
          continue
        }
        var end = start + 1
        while end < cells.endIndex, cells[end].span == first.span, cells[end].style == first.style,
          cells[end].start == cells[end - 1].end, !(tabsAsSpaces && cells[end].kind == .space)
        {
          end += 1
        }
        line.append(String(spans[first.span].text[first.start..<cells[end - 1].end]), style: first.style)
        start = end
      }
    }
  }
}

extension StyledText.Span {
  /// Whether every scalar of the text is a character of its own: no `\r` (`\r\n` is one
  /// character), and only scalars that never join a neighbour into one character — Latin text,
  /// general punctuation (dashes, `…`), arrows, maths signs, box drawing. The rest (combining
  /// marks, emoji and their selectors, CJK, Hangul) goes the `Character` way.
  fileprivate var isOneScalarPerCharacter: Bool {
    text.unicodeScalars.allSatisfy { scalar in
      switch scalar.value {
      case 0x0D: false
      case 0..<0x300, 0x2010...0x2027, 0x2030...0x205E, 0x2190...0x22FF, 0x2500...0x257F: true
      default: false
      }
    }
  }
}
