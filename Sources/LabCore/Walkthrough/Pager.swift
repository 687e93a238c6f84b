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
  public func pages<Line>(of lines: [Line], alreadyShown: Int) -> [[Line]] {
    var pages: [[Line]] = []
    var rest = lines[...]
    var room = max(rows - 1 - alreadyShown, 1)
    while rest.count > room {
      pages.append(Array(rest.prefix(room)))
      rest = rest.dropFirst(room)
      room = rows - 1
    }
    pages.append(Array(rest))
    return pages
  }
}

/// A key pressed at the pager's "more" marker.
public enum PagerKey: Sendable, Equatable {
  /// Enter or space: the next page.
  case more
  /// `q`, Ctrl-C, Ctrl-D or the end of input: back to the prompt.
  case stop
}

/// Reads single keys at the "more" marker, apart from the line editor. The executable reads the
/// terminal in raw mode; tests script the keys.
public protocol KeyReading: AnyObject {
  func readPagerKey() -> PagerKey
}
