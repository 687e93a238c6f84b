/// What one drawn frame of a timeline shows, mark by mark: a sentence that tells the learner to
/// look at a mark (a verdict's "the ▲ marker", "the ⊘ rows") is chosen only when the frame on
/// screen draws that mark, at the instant the sentence names (issue 23).
///
/// ```swift
/// let marks = TimelineRenderer.marks(snapshot, width: 80, height: 24)
/// marks.join                  // 3.0: the ▲ is drawn under 3.00s
/// marks.cancelled             // ["B", "C"]: rows drawn with ⊘
/// marks.sameInstant(3.0, 3.02) // true: the same column of the axis
/// ```
public struct TimelineMarks: Sendable, Equatable {
  /// Where the `▲` (the caller resumed) is drawn, with its label; nil when the frame has none.
  public var join: Double?
  /// Where the deadline's `┆` is drawn, under the axis or in a row's bar; nil when it is not.
  public var deadline: Double?
  /// The rows drawn (the others are folded into a "… N more" line).
  public var rows: Set<String>
  /// Rows whose bar has running `█` cells.
  public var running: Set<String>
  /// Rows whose bar has waiting `░` cells.
  public var waiting: Set<String>
  /// Rows whose bar has orphan `▒` cells, past the join.
  public var orphaned: Set<String>
  /// Rows drawn with `⊘ cancelled`.
  public var cancelled: Set<String>
  /// Rows whose finish rank (`1st`) is drawn in the state column.
  public var ranked: Set<String>
  /// Rows the height folded away.
  public var hiddenRows: Int
  /// The seconds one column of the bars covers.
  public var secondsPerColumn: Double

  public init(
    join: Double? = nil, deadline: Double? = nil, rows: Set<String> = [], running: Set<String> = [],
    waiting: Set<String> = [], orphaned: Set<String> = [], cancelled: Set<String> = [], ranked: Set<String> = [],
    hiddenRows: Int = 0, secondsPerColumn: Double = 0.1
  ) {
    self.join = join
    self.deadline = deadline
    self.rows = rows
    self.running = running
    self.waiting = waiting
    self.orphaned = orphaned
    self.cancelled = cancelled
    self.ranked = ranked
    self.hiddenRows = hiddenRows
    self.secondsPerColumn = secondsPerColumn
  }

  /// A frame that draws nothing a sentence could point at (no timeline on screen).
  public static let none = TimelineMarks()

  /// Whether two instants fall within one column of the frame: a mark drawn at one shows the other.
  public func sameInstant(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) < max(secondsPerColumn, 0.005)
  }
}

extension TimelineRenderer {
  /// The marks the frame `render(snapshot, width:, height:)` draws.
  public static func marks(_ snapshot: TimelineSnapshot, width: Int, height: Int? = nil) -> TimelineMarks {
    let frame = frame(snapshot, width: width, height: height)
    let layout = frame.layout
    var marks = TimelineMarks(
      hiddenRows: snapshot.rows.count - frame.drawnRows.count,
      secondsPerColumn: layout.axisEnd / Double(max(layout.barWidth, 1))
    )
    if frame.showsMarkerLine, let join = snapshot.join, markerLabels(snapshot, layout: layout).join != nil {
      marks.join = join.time
    }
    let deadlineColumn = snapshot.deadline.map { layout.column($0) }
    var deadlineInBars = false
    for index in frame.drawnRows {
      let row = snapshot.rows[index]
      marks.rows.insert(row.name)
      let cells = TimelineRenderer.cells(row, snapshot: snapshot, layout: layout)
      if cells.contains(.running) { marks.running.insert(row.name) }
      if cells.contains(.waiting) { marks.waiting.insert(row.name) }
      if cells.contains(.orphan) { marks.orphaned.insert(row.name) }
      if let deadlineColumn, cells.indices.contains(deadlineColumn), cells[deadlineColumn] == .empty { deadlineInBars = true }
      let state = status(row, width: layout.statusWidth, cutOff: isCutOff(row, in: snapshot)).plainText
      if row.state == .cancelled, state.hasPrefix("⊘") { marks.cancelled.insert(row.name) }
      if let rank = row.finishRank, state.contains(ordinal(rank)) { marks.ranked.insert(row.name) }
    }
    if deadlineInBars || (frame.showsMarkerLine && deadlineLabel(snapshot, layout: layout) != nil) {
      marks.deadline = snapshot.deadline
    }
    return marks
  }
}
