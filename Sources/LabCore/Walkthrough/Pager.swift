import LabTerminal

/// Cuts text longer than the screen into pages, as a pager does: each page but the last ends in
/// a one-line "more" marker, and the first page is shorter by whatever is already on the screen.
///
/// ```swift
/// let pages = Pager(rows: 24).pages(of: lines, alreadyShown: 5)
/// // pages[0]: 18 lines (24 rows − 5 shown − the marker); later pages 23; the last page leaves
/// // a row for the prompt.
/// ```
public struct Pager: Sendable, Equatable {
  /// The rows of the screen.
  public let rows: Int

  public init(rows: Int) {
    self.rows = max(rows, 3)
  }

  /// The lines of each page. The last page fits in the rows left with one kept for the prompt;
  /// every other page is followed by the "more" marker, which takes the row the prompt would.
  /// A line for which `keepsWithNext(index)` holds (a heading, a box's top border) does not end
  /// a page: up to three such lines move to the next page, with what they introduce.
  public func pages<Line>(of lines: [Line], alreadyShown: Int, keepsWithNext: (Int) -> Bool = { _ in false }) -> [[Line]] {
    var pages: [[Line]] = []
    var start = 0
    var room = max(rows - 1 - alreadyShown, 1)
    while lines.count - start > room {
      var end = start + room
      var moved = 0
      while moved < 3, end - 1 > start, keepsWithNext(end - 1) {
        end -= 1
        moved += 1
      }
      pages.append(Array(lines[start..<end]))
      start = end
      room = rows - 1
    }
    pages.append(Array(lines[start...]))
    return pages
  }
}

/// Where a page of a rendered lesson must not end: on a heading (its text, or the rule under it)
/// or on the top border of a box (`╭─ python ───`), which would stand alone above the "more"
/// marker while what they introduce waits on the next page.
public enum PageBreaks {
  public static func keepsWithNext(_ lines: [StyledText], at index: Int) -> Bool {
    guard lines.indices.contains(index) else { return false }
    let text = lines[index].plainText
    if text.hasPrefix("╭") || isRule(text) { return true }
    return index + 1 < lines.count && isRule(lines[index + 1].plainText) && !text.isEmpty
  }

  /// A heading's underline: a line of `─` or `═` only.
  static func isRule(_ text: String) -> Bool {
    text.count >= 3 && (text.allSatisfy { $0 == "─" } || text.allSatisfy { $0 == "═" })
  }
}

/// A key pressed at the pager's "more" marker.
public enum PagerKey: Sendable, Equatable {
  /// Enter or space: the next page.
  case more
  /// `q`, Ctrl-C, Ctrl-D or the end of input: back to the prompt.
  case stop
}

/// A key pressed at a yes/no question (`[y/N]`).
public enum YesNoKey: Sendable, Equatable {
  case yes
  case no
  /// Enter, Ctrl-C or Ctrl-D: the answer in capitals.
  case byDefault
}

/// Reads single keys at the "more" marker and at yes/no questions, apart from the line editor.
/// The executable reads the terminal in raw mode; tests script the keys.
public protocol KeyReading: AnyObject {
  func readPagerKey() -> PagerKey
  /// One key answering a yes/no question; nil when there is no keyboard to read single keys
  /// from (piped input), so the question reads a line instead.
  func readYesNoKey() -> YesNoKey?
}
