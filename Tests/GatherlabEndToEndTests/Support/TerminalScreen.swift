/// What a person would see: a rows × columns grid that replays what a program wrote to its
/// terminal, so a test asserts on the final picture rather than on the bytes that drew it.
///
/// It understands what gatherlab's live views and line editor use: text (wide characters take two
/// cells), `\r`, `\n`, backspace, tab, automatic wrapping and scrolling; cursor moves `CSI A B C D
/// E F G d H f`, erasing `CSI J K X`, editing `CSI P @ L M` and scrolling `CSI S T`; `ESC 7`/`ESC 8`
/// and `CSI s`/`u`; cursor visibility (`CSI ?25l`/`h`) and the alternate screen (`CSI ?1049h`/`l`).
/// Colours and other attributes (`CSI … m`) change no text and are ignored; so are scroll regions
/// and turning automatic wrapping off, which gatherlab does not use.
///
/// ```swift
/// var screen = TerminalScreen(rows: 3, columns: 20)
/// screen.feed("a: 1\r\nb: 1\r\n")
/// screen.feed("\u{1B}[2A\u{1B}[Ka: 2\r\n\u{1B}[Kb: 2\r\n")   // redraw two lines in place
/// #expect(screen.lines == ["a: 2", "b: 2", ""])
/// #expect(screen.text == "a: 2\nb: 2")
/// ```
struct TerminalScreen: Sendable, Equatable, CustomStringConvertible {
  private(set) var rows: Int
  private(set) var columns: Int
  /// The cursor's row and column, counted from 0.
  private(set) var cursorRow = 0
  private(set) var cursorColumn = 0
  private(set) var cursorVisible = true
  private(set) var isAlternateScreenActive = false

  /// Each cell holds the text shown there: a character with its combining marks, " " when blank,
  /// or "" for the right half of a wide character.
  private var cells: [[String]]
  private var pendingWrap = false
  private var savedCursor: (row: Int, column: Int)?
  /// The main screen while the alternate one is shown.
  private var savedMainScreen: (cells: [[String]], row: Int, column: Int)?
  /// Where the last character went, for combining marks that follow it.
  private var lastPrinted: (row: Int, column: Int)?
  /// The start of an escape sequence cut off at the end of the last `feed`.
  private var unfinished: [Unicode.Scalar] = []

  init(rows: Int, columns: Int) {
    precondition(rows > 0 && columns > 0, "A screen needs at least one row and one column")
    self.rows = rows
    self.columns = columns
    self.cells = Self.blankGrid(rows: rows, columns: columns)
  }

  init(rows: Int, columns: Int, replaying output: String) {
    self.init(rows: rows, columns: columns)
    feed(output)
  }

  /// Each row as text, without trailing blanks.
  var lines: [String] {
    cells.map { row in
      String(row.joined().reversed().drop(while: { $0 == " " }).reversed())
    }
  }

  /// The rows joined with newlines, without the blank rows at the bottom.
  var text: String {
    var lines = lines
    while lines.last == "" {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }

  /// The screen in a frame, for failure messages.
  var description: String {
    let border = String(repeating: "─", count: columns)
    let body = cells.map { "│" + $0.joined() + "│" }.joined(separator: "\n")
    return "┌\(border)┐ \(rows)×\(columns), cursor at \(cursorRow),\(cursorColumn)"
      + "\(cursorVisible ? "" : " (hidden)")\n\(body)\n└\(border)┘"
  }

  static func == (lhs: TerminalScreen, rhs: TerminalScreen) -> Bool {
    lhs.cells == rhs.cells && lhs.cursorRow == rhs.cursorRow && lhs.cursorColumn == rhs.cursorColumn
      && lhs.cursorVisible == rhs.cursorVisible && lhs.isAlternateScreenActive == rhs.isAlternateScreenActive
  }

  /// Applies more output; an escape sequence split across calls is completed by the next call.
  mutating func feed(_ output: String) {
    let scalars = unfinished + Array(output.unicodeScalars)
    let scan = TerminalToken.scan(scalars)
    unfinished = Array(scalars[scan.consumed...])
    for token in scan.tokens {
      apply(token)
    }
  }

  /// Changes the size as a terminal window does when dragged: text stays at the top left, and what
  /// no longer fits is cut off (no reflow).
  mutating func resize(rows newRows: Int, columns newColumns: Int) {
    precondition(newRows > 0 && newColumns > 0, "A screen needs at least one row and one column")
    func fit(_ grid: [[String]]) -> [[String]] {
      var grid = grid
      if grid.count > newRows {
        // Like a terminal, keep the rows around the cursor: drop from the top.
        grid.removeFirst(grid.count - newRows)
      }
      grid = grid.map { row in
        row.count >= newColumns
          ? Array(row.prefix(newColumns))
          : row + Array(repeating: " ", count: newColumns - row.count)
      }
      while grid.count < newRows {
        grid.append(Array(repeating: " ", count: newColumns))
      }
      return grid
    }
    let droppedRows = max(0, rows - newRows)
    cells = fit(cells)
    if let saved = savedMainScreen {
      savedMainScreen = (fit(saved.cells), max(0, saved.row - droppedRows), min(saved.column, newColumns - 1))
    }
    rows = newRows
    columns = newColumns
    cursorRow = min(max(0, cursorRow - droppedRows), rows - 1)
    cursorColumn = min(cursorColumn, columns - 1)
    pendingWrap = false
    lastPrinted = nil
  }

  // MARK: - Replaying

  private mutating func apply(_ token: TerminalToken) {
    switch token {
    case .printable(let scalar):
      put(scalar)
    case .control(let scalar):
      control(scalar)
    case .controlSequence(let sequence):
      controlSequence(sequence)
    case .escape(let intermediates, let final):
      guard intermediates.isEmpty else { return }  // character sets: no change to the text
      switch final {
      case "7": savedCursor = (cursorRow, cursorColumn)
      case "8": restoreCursor()
      case "D": lineFeed()
      case "E":
        cursorColumn = 0
        lineFeed()
      case "M": reverseLineFeed()
      case "c": self = TerminalScreen(rows: rows, columns: columns)
      default: break
      }
    case .string:
      break  // window titles, hyperlinks: nothing on the grid
    }
  }

  private mutating func put(_ scalar: Unicode.Scalar) {
    let width = min(Self.displayWidth(of: scalar), columns)
    if width == 0 {
      if let (row, column) = lastPrinted {
        cells[row][column].unicodeScalars.append(scalar)
      }
      return
    }
    if pendingWrap || cursorColumn + width > columns {
      pendingWrap = false
      cursorColumn = 0
      lineFeed()
    }
    clearWideCharacterHalves(row: cursorRow, from: cursorColumn, count: width)
    cells[cursorRow][cursorColumn] = String(scalar)
    if width == 2 {
      cells[cursorRow][cursorColumn + 1] = ""
    }
    lastPrinted = (cursorRow, cursorColumn)
    if cursorColumn + width >= columns {
      // At the right margin the cursor stays on the last cell until the next character arrives.
      cursorColumn = columns - 1
      pendingWrap = true
    } else {
      cursorColumn += width
    }
  }

  private mutating func control(_ scalar: Unicode.Scalar) {
    switch scalar {
    case "\r":
      cursorColumn = 0
      pendingWrap = false
    case "\n", "\u{0B}", "\u{0C}":
      lineFeed()
    case "\u{08}":
      if pendingWrap {
        pendingWrap = false
      } else {
        cursorColumn = max(0, cursorColumn - 1)
      }
    case "\t":
      cursorColumn = min(columns - 1, (cursorColumn / 8 + 1) * 8)
      pendingWrap = false
    case "\u{84}":
      lineFeed()
    case "\u{85}":
      cursorColumn = 0
      lineFeed()
    case "\u{8D}":
      reverseLineFeed()
    default:
      break  // bell and the rest show nothing
    }
  }

  private mutating func controlSequence(_ sequence: ControlSequence) {
    if sequence.privateMarker == "?" {
      guard sequence.final == "h" || sequence.final == "l" else { return }
      let enable = sequence.final == "h"
      for mode in sequence.numbers(defaultValue: 0) {
        switch mode {
        case 25: cursorVisible = enable
        case 47, 1047, 1049: switchScreen(toAlternate: enable, savingCursor: mode == 1049)
        default: break
        }
      }
      return
    }
    guard sequence.privateMarker == nil, sequence.intermediates.isEmpty else { return }
    let count = sequence.number()
    pendingWrap = false
    switch sequence.final {
    case "A": cursorRow = max(0, cursorRow - count)
    case "B": cursorRow = min(rows - 1, cursorRow + count)
    case "C": cursorColumn = min(columns - 1, cursorColumn + count)
    case "D": cursorColumn = max(0, cursorColumn - count)
    case "E":
      cursorRow = min(rows - 1, cursorRow + count)
      cursorColumn = 0
    case "F":
      cursorRow = max(0, cursorRow - count)
      cursorColumn = 0
    case "G", "`": cursorColumn = min(columns - 1, count - 1)
    case "d": cursorRow = min(rows - 1, count - 1)
    case "H", "f":
      let position = sequence.numbers(defaultValue: 1)
      cursorRow = min(rows - 1, position[0] - 1)
      cursorColumn = min(columns - 1, (position.count > 1 ? position[1] : 1) - 1)
    case "J": eraseDisplay(sequence.number(defaultValue: 0))
    case "K": eraseLine(sequence.number(defaultValue: 0))
    case "X": blank(row: cursorRow, columns: cursorColumn..<min(columns, cursorColumn + count))
    case "P": deleteCharacters(count)
    case "@": insertBlanks(count)
    case "L": insertLines(count, at: cursorRow)
    case "M": deleteLines(count, at: cursorRow)
    case "S": deleteLines(count, at: 0)
    case "T": insertLines(count, at: 0)
    case "s": savedCursor = (cursorRow, cursorColumn)
    case "u": restoreCursor()
    default: break  // SGR `m` and the rest leave the text as it is
    }
  }

  // MARK: - Editing the grid

  private mutating func lineFeed() {
    if cursorRow == rows - 1 {
      cells.removeFirst()
      cells.append(Self.blankRow(columns))
      lastPrinted = lastPrinted.flatMap { $0.row > 0 ? ($0.row - 1, $0.column) : nil }
    } else {
      cursorRow += 1
    }
  }

  private mutating func reverseLineFeed() {
    if cursorRow == 0 {
      cells.removeLast()
      cells.insert(Self.blankRow(columns), at: 0)
      lastPrinted = nil
    } else {
      cursorRow -= 1
    }
  }

  private mutating func restoreCursor() {
    guard let saved = savedCursor else { return }
    cursorRow = min(saved.row, rows - 1)
    cursorColumn = min(saved.column, columns - 1)
    pendingWrap = false
  }

  private mutating func eraseDisplay(_ mode: Int) {
    switch mode {
    case 0:
      eraseLine(0)
      for row in (cursorRow + 1)..<rows { cells[row] = Self.blankRow(columns) }
    case 1:
      eraseLine(1)
      for row in 0..<cursorRow { cells[row] = Self.blankRow(columns) }
    case 2, 3:
      cells = Self.blankGrid(rows: rows, columns: columns)
    default:
      break
    }
  }

  private mutating func eraseLine(_ mode: Int) {
    switch mode {
    case 0: blank(row: cursorRow, columns: cursorColumn..<columns)
    case 1: blank(row: cursorRow, columns: 0..<(cursorColumn + 1))
    case 2: blank(row: cursorRow, columns: 0..<columns)
    default: break
    }
  }

  private mutating func blank(row: Int, columns range: Range<Int>) {
    guard !range.isEmpty else { return }
    clearWideCharacterHalves(row: row, from: range.lowerBound, count: range.count)
    for column in range { cells[row][column] = " " }
  }

  private mutating func deleteCharacters(_ count: Int) {
    let count = min(count, columns - cursorColumn)
    clearWideCharacterHalves(row: cursorRow, from: cursorColumn, count: count)
    cells[cursorRow].removeSubrange(cursorColumn..<(cursorColumn + count))
    cells[cursorRow].append(contentsOf: repeatElement(" ", count: count))
  }

  private mutating func insertBlanks(_ count: Int) {
    let count = min(count, columns - cursorColumn)
    clearWideCharacterHalves(row: cursorRow, from: cursorColumn, count: 0)
    cells[cursorRow].insert(contentsOf: repeatElement(" ", count: count), at: cursorColumn)
    cells[cursorRow].removeLast(count)
    if Self.isWideStart(cells[cursorRow][columns - 1]) {
      cells[cursorRow][columns - 1] = " "  // a wide character pushed half off the edge
    }
  }

  private mutating func insertLines(_ count: Int, at row: Int) {
    let count = min(count, rows - row)
    cells.removeLast(count)
    cells.insert(contentsOf: repeatElement(Self.blankRow(columns), count: count), at: row)
    lastPrinted = nil
  }

  private mutating func deleteLines(_ count: Int, at row: Int) {
    let count = min(count, rows - row)
    cells.removeSubrange(row..<(row + count))
    cells.append(contentsOf: repeatElement(Self.blankRow(columns), count: count))
    lastPrinted = nil
  }

  /// Overwriting either half of a wide character blanks the other half, as terminals do.
  private mutating func clearWideCharacterHalves(row: Int, from start: Int, count: Int) {
    if start < columns, cells[row][start] == "", start > 0 {
      cells[row][start - 1] = " "
    }
    let end = start + count
    if end < columns, end > 0, cells[row][end] == "" {
      cells[row][end] = " "
    }
  }

  private mutating func switchScreen(toAlternate: Bool, savingCursor: Bool) {
    guard toAlternate != isAlternateScreenActive else { return }
    if toAlternate {
      savedMainScreen = (cells, cursorRow, cursorColumn)
      cells = Self.blankGrid(rows: rows, columns: columns)
    } else if let saved = savedMainScreen {
      cells = saved.cells
      if savingCursor {
        cursorRow = saved.row
        cursorColumn = saved.column
      }
      savedMainScreen = nil
    }
    isAlternateScreenActive = toAlternate
    pendingWrap = false
    lastPrinted = nil
  }

  // MARK: - Character width

  private static func isWideStart(_ cell: String) -> Bool {
    cell.unicodeScalars.first.map { displayWidth(of: $0) == 2 } ?? false
  }

  /// Columns a scalar takes, roughly as wcwidth(3) says: 0 for combining marks and joiners, 2 for
  /// East Asian wide characters and emoji shown as pictures, 1 for the rest.
  static func displayWidth(of scalar: Unicode.Scalar) -> Int {
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format:
      return 0
    default:
      break
    }
    if properties.isVariationSelector || scalar.value == 0x200D {
      return 0
    }
    if properties.isEmojiPresentation {
      return 2
    }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return 2
    default:
      return 1
    }
  }

  private static func blankRow(_ columns: Int) -> [String] {
    Array(repeating: " ", count: columns)
  }

  private static func blankGrid(rows: Int, columns: Int) -> [[String]] {
    Array(repeating: blankRow(columns), count: rows)
  }
}
