import LabTerminal

/// A GFM table laid out for a terminal with box-drawing lines.
///
/// Columns get their natural width when the table fits. When it does not, each column keeps at
/// least the width of its longest word; the space left goes first to columns it lets fit whole,
/// then to the columns that lack the most. Cells wrap at spaces, so no word is cut. When even
/// that cannot fit, each row is shown as a short record instead (`• Header: value`), which reads
/// well at any width.
///
/// ```
/// ┌──────────┬──────────────────┐
/// │ API      │ Cancels on error │
/// ├──────────┼──────────────────┤
/// │ gather   │ no               │
/// └──────────┴──────────────────┘
/// ```
struct MarkdownTable {
  let alignments: [MarkdownBlock.Alignment]
  let header: [StyledText]
  let rows: [[StyledText]]

  static let borderStyle = TextStyle(dim: true)

  init(alignments: [MarkdownBlock.Alignment], header: [StyledText], rows: [[StyledText]]) {
    let columns = max(alignments.count, header.count, rows.map(\.count).max() ?? 0)
    func padded(_ cells: [StyledText]) -> [StyledText] {
      cells + Array(repeating: StyledText(), count: max(0, columns - cells.count))
    }
    self.alignments = alignments + Array(repeating: .none, count: max(0, columns - alignments.count))
    self.header = padded(header)
    self.rows = rows.map(padded)
  }

  var columnCount: Int { alignments.count }

  func render(width: Int) -> [StyledText] {
    guard columnCount > 0 else { return [] }
    guard let widths = columnWidths(available: width - (3 * columnCount + 1)) else {
      return records(width: width)
    }
    let wrappedRows = rows.map { wrap($0, widths: widths) }
    let separateRows = wrappedRows.contains { $0.count > 1 }
    var lines = [border("┌", "┬", "┐", widths)]
    lines += layout(wrap(header, widths: widths), widths: widths)
    lines.append(border("├", "┼", "┤", widths))
    for (index, row) in wrappedRows.enumerated() {
      if index > 0, separateRows { lines.append(border("├", "┼", "┤", widths)) }
      lines += layout(row, widths: widths)
    }
    lines.append(border("└", "┴", "┘", widths))
    return lines
  }

  /// Column widths that fit `available` columns of cell text without cutting a word, or nil.
  func columnWidths(available: Int) -> [Int]? {
    let allRows = [header] + rows
    let natural = (0..<columnCount).map { column in
      max(1, allRows.map { lineWidths($0[column]).max() ?? 0 }.max() ?? 0)
    }
    if natural.reduce(0, +) <= available { return natural }
    var widths = (0..<columnCount).map { column in
      max(1, allRows.map { Self.longestWord($0[column]) }.max() ?? 0)
    }
    guard widths.reduce(0, +) <= available else { return nil }
    // Columns that need little to fit whole get it first, so as few cells as possible wrap; what
    // is left goes, a column at a time, to whichever column still lacks the most.
    var spare = available - widths.reduce(0, +)
    for column in (0..<columnCount).sorted(by: { natural[$0] - widths[$0] < natural[$1] - widths[$1] }) {
      let need = natural[column] - widths[column]
      if need <= spare {
        widths[column] += need
        spare -= need
      }
    }
    while spare > 0 {
      let needs = (0..<columnCount).map { natural[$0] - widths[$0] }
      guard let column = needs.indices.max(by: { needs[$0] < needs[$1] }), needs[column] > 0 else { break }
      widths[column] += 1
      spare -= 1
    }
    return widths
  }

  /// Each cell of a row wrapped to its column, as lines of the row.
  private func wrap(_ cells: [StyledText], widths: [Int]) -> [[StyledText]] {
    let wrapped = cells.enumerated().map { column, cell in TextWrapper.wrap(cell, width: widths[column]) }
    let height = max(1, wrapped.map(\.count).max() ?? 1)
    return (0..<height).map { line in
      wrapped.map { line < $0.count ? $0[line] : StyledText() }
    }
  }

  private func layout(_ lines: [[StyledText]], widths: [Int]) -> [StyledText] {
    lines.map { cells in
      var line = StyledText("│", style: Self.borderStyle)
      for (column, cell) in cells.enumerated() {
        line.append(" ")
        line.append(align(cell, width: widths[column], alignment: alignments[column]))
        line.append(" ")
        line.append("│", style: Self.borderStyle)
      }
      return line
    }
  }

  private func align(_ cell: StyledText, width: Int, alignment: MarkdownBlock.Alignment) -> StyledText {
    let missing = max(0, width - cell.displayWidth)
    switch alignment {
    case .right:
      return StyledText(String(repeating: " ", count: missing)) + cell
    case .center:
      return (StyledText(String(repeating: " ", count: missing / 2)) + cell).padded(to: width)
    case .left, .none:
      return cell.padded(to: width)
    }
  }

  private func border(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> StyledText {
    let text = left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    return StyledText(text, style: Self.borderStyle)
  }

  /// Too narrow for a grid: every row as a bulleted record of `Header: value` lines.
  private func records(width: Int) -> [StyledText] {
    var lines: [StyledText] = []
    for (index, row) in rows.enumerated() {
      if index > 0 { lines.append(StyledText()) }
      for (column, cell) in row.enumerated() {
        var field = header[column]
        if !field.isEmpty { field.append(": ") }
        field.append(cell)
        let wrapped = TextWrapper.wrap(field, width: max(1, width - 2))
        let first = StyledText(column == 0 ? "• " : "  ", style: MarkdownRenderer.Theme.bullet)
        lines += MarkdownRenderer.prefix(wrapped.isEmpty ? [StyledText()] : wrapped, first: first, rest: "  ")
      }
    }
    return lines
  }

  private func lineWidths(_ cell: StyledText) -> [Int] {
    TextWrapper.wrap(cell, width: Int.max / 2).map(\.displayWidth)
  }

  private static func longestWord(_ cell: StyledText) -> Int {
    cell.plainText.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { DisplayWidth.of(String($0)) }.max() ?? 0
  }
}
