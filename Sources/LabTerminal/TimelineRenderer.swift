/// Draws a `TimelineSnapshot` as lines of styled text: one row per task on a shared time axis,
/// each with its argument index, its state by symbol and color, its finish rank and its value or
/// error; the moment the caller resumed and any deadline are marked on the axis. The axis spans
/// every task's plan, and a task that ended before its plan (cancelled, interrupted) keeps the
/// rest of it in view, faint (`┄`).
///
/// ```text
/// ordering · delays=3,1,2                              done 3.00s
/// [0] A █████████████████████████████████   ✓ 3rd "A"
/// [1] B ███████████                         ✓ 1st "B"
/// [2] C ██████████████████████              ✓ 2nd "C"
///       0s         1s         2s        3s
///                                       ▲ gather returned 3.00s
/// █ running  ✓ done  ✗ failed  ⊘ cancelled
/// ```
///
/// Pure: the same snapshot, width and height always give the same lines.
public enum TimelineRenderer {
  /// The narrowest layout drawn; narrower terminals get lines cut to their width.
  public static let minimumWidth = 20
  /// Wider terminals get a timeline this wide, which stays readable.
  public static let maximumWidth = 120

  /// - Parameter statusWidth: at least this wide a status column (still within the width), so
  ///   that two timelines drawn one above the other share their time axis (`compare`).
  public static func render(_ snapshot: TimelineSnapshot, width: Int, height: Int? = nil, statusWidth: Int = 0) -> [StyledText] {
    frame(snapshot, width: width, height: height, statusWidth: statusWidth).lines
  }

  /// One drawn frame: its lines, and what of the snapshot they show (for `marks`).
  struct Frame {
    var lines: [StyledText]
    var layout: Layout
    /// The indices of the rows drawn (all of them unless the height folded some away).
    var drawnRows: [Int]
    /// The line under the axis (`▲`, `┆ deadline`) is drawn.
    var showsMarkerLine: Bool
  }

  static func frame(_ snapshot: TimelineSnapshot, width: Int, height: Int?, statusWidth: Int = 0) -> Frame {
    let width = min(max(width, minimumWidth), maximumWidth)
    let layout = Layout(snapshot: snapshot, width: width, statusWidth: statusWidth)
    var header = [headerLine(snapshot, width: width)]
    // Each body line with the row it draws (nil: a phase's title).
    var body: [(line: StyledText, row: Int?)] = []
    var previousPhase: String?
    for (index, row) in snapshot.rows.enumerated() {
      if snapshot.phases.count > 1, row.phase != previousPhase, let phase = row.phase {
        let number = (snapshot.phases.firstIndex(of: phase) ?? 0) + 1
        body.append((StyledText("phase \(number) · \(phase)", style: .bold).truncated(to: width - 1), nil))
        previousPhase = phase
      }
      body.append((rowLine(row, snapshot: snapshot, layout: layout), index))
    }
    let marker = markerLine(snapshot, layout: layout)
    var footer = [axisLine(layout), marker].compactMap { $0 }
    let legend = legendLines(snapshot, width: width)

    if let height, header.count + body.count + footer.count + legend.count > height {
      let room = max(1, height - header.count - footer.count)
      if body.count > room, snapshot.phases.count <= 1 {
        // One phase: keep the active rows in view (running, then waiting, then the latest to
        // end, then the not yet created), in argument order, and sum up the rest in one line.
        let kept = Set(keptRows(snapshot.rows, count: room - 1))
        let hidden = snapshot.rows.indices.filter { !kept.contains($0) }.map { snapshot.rows[$0] }
        body = snapshot.rows.indices.filter(kept.contains).map { (rowLine(snapshot.rows[$0], snapshot: snapshot, layout: layout), $0) }
          + [(moreLine(hidden, width: width), nil)]
      } else if body.count > room {
        let hidden = Array(snapshot.rows.suffix(body.count - room + 1))
        body = Array(body.prefix(room - 1)) + [(moreLine(hidden, width: width), nil)]
      }
      if header.count + body.count + footer.count > height { footer = Array(footer.prefix(1)) }
      if header.count + body.count + footer.count > height { header = [] }
      return Frame(
        lines: header + body.map(\.line) + footer, layout: layout, drawnRows: body.compactMap(\.row),
        showsMarkerLine: marker != nil && footer.count == 2)
    }
    return Frame(
      lines: header + body.map(\.line) + footer + legend, layout: layout, drawnRows: body.compactMap(\.row),
      showsMarkerLine: marker != nil)
  }

  // MARK: - Layout

  /// Column widths and the time scale shared by every line of one frame.
  struct Layout {
    let labelWidth: Int
    let slotWidth: Int
    let nameWidth: Int
    let barWidth: Int
    let statusWidth: Int
    let axisEnd: Double
    let tickStep: Double

    init(snapshot: TimelineSnapshot, width: Int, statusWidth minimumStatus: Int = 0) {
      slotWidth = String(snapshot.rows.map(\.index).max() ?? 0).count
      nameWidth = snapshot.rows.map { DisplayWidth.of($0.name) }.max() ?? 1
      labelWidth = (snapshot.highlight.isEmpty ? 0 : 2) + 1 + slotWidth + 2 + nameWidth + 1
      let widestStatus = max(minimumStatus, TimelineRenderer.widestStatus(snapshot))
      let available = width - labelWidth - 1
      let minimumBar = min(8, max(1, available - 3))
      // Two fifths of the room, and at least each row's shortest whole status (`(swallowed)`
      // for `(swallowed cancel)`), so a narrow terminal cuts values, not what a row is.
      let shortest = max(15, TimelineRenderer.narrowestStatus(snapshot))
      statusWidth = max(0, min(widestStatus, max(available * 2 / 5, shortest), available - minimumBar - 1))
      barWidth = max(1, available - statusWidth - 1)

      var latest = max(snapshot.horizon, snapshot.isFinal ? 0 : snapshot.now, snapshot.deadline ?? 0, snapshot.join?.time ?? 0)
      for row in snapshot.rows {
        latest = max(latest, row.endedAt ?? 0, row.startedAt ?? 0, row.plannedEnd ?? 0)
      }
      latest = max(latest, 0.1)
      // The smallest step that leaves at least 9 columns between ticks and at most 5 intervals;
      // a bar too narrow for two ticks gets one interval covering it all.
      let candidates: [Double] = [0.1, 0.2, 0.5, 1, 1.5, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
      let maximumIntervals = max(1, min(5.0, (Double(barWidth) / 9).rounded(.down)))
      tickStep = candidates.first { step in
        ((latest - 0.02 * step) / step).rounded(.up) <= maximumIntervals
      } ?? candidates.first { $0 >= latest } ?? latest
      // Times a hair past a tick (3.004 s) stay on the axis that ends at the tick.
      axisEnd = max(tickStep, (latest / tickStep - 0.02).rounded(.up) * tickStep)
    }

    /// The bar column for time `t`, 0..<barWidth.
    func column(_ t: Double) -> Int {
      min(barWidth - 1, max(0, Int((t / axisEnd * Double(barWidth)).rounded(.down))))
    }

    /// The bar columns an interval covers; at least one column if it lasted at all.
    func columns(from start: Double, to end: Double) -> Range<Int> {
      let scale = Double(barWidth) / axisEnd
      let first = min(barWidth - 1, max(0, Int((start * scale).rounded())))
      let last = min(barWidth, max(0, Int((end * scale).rounded())))
      if last > first { return first..<last }
      return end > start ? first..<(first + 1) : first..<first
    }
  }

  // MARK: - Lines

  static func headerLine(_ snapshot: TimelineSnapshot, width: Int) -> StyledText {
    var clock = snapshot.isInterrupted ? "interrupted at " : snapshot.isFinal ? "done " : ""
    clock += SecondsFormat.seconds(snapshot.now)
    if snapshot.speed != 1 { clock += " ×" + SecondsFormat.tick(snapshot.speed).dropLast() }
    let clockText = StyledText(clock, style: .bold)
    let room = width - 1 - clockText.displayWidth - 2
    let title = StyledText(snapshot.title, style: .bold).truncated(to: max(0, room))
    return title.padded(to: width - 1 - clockText.displayWidth) + clockText
  }

  static func rowLine(_ row: TimelineRow, snapshot: TimelineSnapshot, layout: Layout) -> StyledText {
    let index = String(row.index)
    // Rows a verdict points at get `▶` in a column of their own, drawn only when some row has it.
    let marker = snapshot.highlight.isEmpty ? "" : snapshot.highlight.contains(row.name) ? "▶ " : "  "
    var line = StyledText(marker, style: TextStyle(foreground: .yellow, bold: true))
    line.append(StyledText(
      String(repeating: " ", count: layout.slotWidth - index.count) + "[" + index + "] ",
      style: snapshot.highlight.contains(row.name) ? TextStyle(foreground: .yellow, bold: true) : .dim
    ))
    line.append(StyledText(row.name, style: .bold).padded(to: layout.nameWidth))
    line.append(" ")
    line.append(bar(row, snapshot: snapshot, layout: layout))
    line.append(" ")
    line.append(status(row, width: layout.statusWidth, cutOff: isCutOff(row, in: snapshot)))
    return line
  }

  /// The widest status any row of `snapshot` shows (9 for none).
  public static func widestStatus(_ snapshot: TimelineSnapshot) -> Int {
    snapshot.rows.map { status($0, cutOff: isCutOff($0, in: snapshot)).displayWidth }.max() ?? 9
  }

  /// The narrowest any row's status can be drawn whole: its short suffix, a value shortened to
  /// five columns.
  static func narrowestStatus(_ snapshot: TimelineSnapshot) -> Int {
    snapshot.rows.map { row in
      let suffix = DisplayWidth.of(suffixes(row).last ?? "")
      let rank = row.finishRank.map { DisplayWidth.of(ordinal($0)) + 1 } ?? 0
      switch row.state {
      case .finished(let value) where !isCutOff(row, in: snapshot): return 2 + rank + min(5, DisplayWidth.of(quoted(value))) + suffix
      case .failed(let error) where !isCutOff(row, in: snapshot): return 2 + rank + min(5, DisplayWidth.of(error)) + suffix
      default: return status(row, suffix: suffixes(row).last ?? "", width: nil, cutOff: isCutOff(row, in: snapshot)).displayWidth
      }
    }.max() ?? 0
  }

  /// What follows a row's state, longest form first: ` orphan`/` (lost)`, then ` (swallowed
  /// cancel)`, shortened to ` (swallowed)` where the whole does not fit.
  static func suffixes(_ row: TimelineRow) -> [String] {
    let orphan = row.isOrphan ? (row.state.hasEnded ? " (lost)" : " orphan") : ""
    return row.swallowedCancellation ? [orphan + " (swallowed cancel)", orphan + " (swallowed)"] : [orphan]
  }

  /// Whether the row was still running or waiting when its run was interrupted, in the run's
  /// final frame: it never ended (a Python twin stopped by Ctrl-C reports nothing more), so it
  /// reads `■ interrupted`, not `▶ running`.
  public static func isCutOff(_ row: TimelineRow, in snapshot: TimelineSnapshot) -> Bool {
    snapshot.isInterrupted && snapshot.isFinal && (row.state == .running || row.state == .waiting)
  }

  /// One character per column: waiting `░`, running `█` (`▒` once orphaned), what it did after
  /// it received its cancellation `▓` (its cleanup, or work past a swallowed cancellation), the
  /// rest of the plan of a task that has not run its course `┄`, markers in the gaps.
  static func bar(_ row: TimelineRow, snapshot: TimelineSnapshot, layout: Layout) -> StyledText {
    let cells = TimelineRenderer.cells(row, snapshot: snapshot, layout: layout)
    let runStyle = style(for: row)
    var text = StyledText()
    let joinColumn = snapshot.join.map { layout.column($0.time) }
    let deadlineColumn = snapshot.deadline.map { layout.column($0) }
    for (column, cell) in cells.enumerated() {
      switch cell {
      case .waiting: text.append("░", style: .dim)
      case .running: text.append("█", style: runStyle)
      case .orphan: text.append("▒", style: .color(.cyan))
      case .afterCancel: text.append("▓", style: runStyle)
      case .planned: text.append("┄", style: .dim)
      case .empty:
        if column == deadlineColumn {
          text.append("┆", style: .color(.red))
        } else if column == joinColumn {
          text.append("│", style: .dim)
        } else {
          text.append(" ")
        }
      }
    }
    return text
  }

  /// What each column of a row's bar holds.
  enum Cell { case empty, waiting, running, orphan, afterCancel, planned }

  static func cells(_ row: TimelineRow, snapshot: TimelineSnapshot, layout: Layout) -> [Cell] {
    var cells = [Cell](repeating: .empty, count: layout.barWidth)
    let end = row.endedAt ?? snapshot.now
    if let plannedEnd = row.plannedEnd, showsRemainder(row), plannedEnd > end {
      for column in layout.columns(from: end, to: plannedEnd) { cells[column] = .planned }
    }
    if let waitingSince = row.waitingSince {
      for column in layout.columns(from: waitingSince, to: row.startedAt ?? end) { cells[column] = .waiting }
    }
    if let startedAt = row.startedAt {
      for column in layout.columns(from: startedAt, to: end) {
        cells[column] = .running
      }
      if row.isOrphan, let join = snapshot.join?.time {
        for column in layout.columns(from: max(join, startedAt), to: end) where column > layout.column(join) {
          cells[column] = .orphan
        }
      }
      if let cancellingSince = row.cancellingSince {
        for column in layout.columns(from: max(cancellingSince, startedAt), to: end) { cells[column] = .afterCancel }
      }
    }
    return cells
  }

  /// Whether the row's plan reaches past what it did: it is running, was cancelled, or was cut
  /// off by an interruption. A task that finished or failed did what it was going to do.
  static func showsRemainder(_ row: TimelineRow) -> Bool {
    switch row.state {
    case .running, .cancelled: true
    case .notCreated, .waiting, .finished, .failed: false
    }
  }

  static func style(for row: TimelineRow) -> TextStyle {
    switch row.state {
    case .notCreated, .waiting: .dim
    case .running: .color(.yellow)
    case .finished: .color(.green)
    case .failed: TextStyle(foreground: .red, bold: true)
    case .cancelled: .color(.magenta)
    }
  }

  /// The state column: symbol, rank, value or error. "✓ 1st "B"", "✗ 1st A failed", "⊘ cancelled".
  /// Given a `width`, a value too long for it is shortened from the middle, so its end stays.
  /// `cutOff`: the row never ended because its run was interrupted (`isCutOff`).
  static func status(_ row: TimelineRow, width: Int? = nil, cutOff: Bool = false) -> StyledText {
    let forms = suffixes(row)
    guard let width, forms.count > 1 else { return status(row, suffix: forms[0], width: width, cutOff: cutOff) }
    // The first form whose suffix is drawn whole (the value shortened from the middle at most).
    let drawn = forms.map { (suffix: $0, text: status(row, suffix: $0, width: width, cutOff: cutOff)) }
    return (drawn.first { $0.text.plainText.hasSuffix($0.suffix) } ?? drawn[drawn.count - 1]).text
  }

  private static func status(_ row: TimelineRow, suffix orphan: String, width: Int?, cutOff: Bool) -> StyledText {
    let rank = row.finishRank.map { ordinal($0) + " " } ?? ""
    let style = style(for: row)
    let text: StyledText
    if cutOff {
      text = StyledText("■ interrupted" + orphan, style: row.isOrphan ? .color(.cyan) : style)
      return width.map { text.truncated(to: $0) } ?? text
    }
    switch row.state {
    case .notCreated: text = StyledText("· not created", style: .dim)
    case .waiting: text = StyledText("◌ waiting", style: .dim)
    case .running:
      let doing = row.cancellingSince == nil ? "▶ running" : "▶ cancelling"
      text = StyledText(doing + orphan, style: row.isOrphan ? .color(.cyan) : style)
    case .finished(let value):
      let valueStyle: TextStyle = row.isOrphan ? .color(.cyan) : .plain
      return fitted(symbol: StyledText("✓ ", style: style), rank: rank, value: quoted(value), suffix: orphan, style: valueStyle, width: width)
    case .failed(let error):
      return fitted(symbol: StyledText("✗ ", style: style), rank: rank, value: error, suffix: orphan, style: .color(.red), width: width)
    case .cancelled: text = StyledText("⊘ " + rank + "cancelled" + orphan, style: style)
    }
    return width.map { text.truncated(to: $0) } ?? text
  }

  /// Symbol, rank, value and suffix in `width` columns: the value shortened from the middle
  /// (down to a few characters), else the end cut.
  private static func fitted(
    symbol: StyledText, rank: String, value: String, suffix: String, style: TextStyle, width: Int?
  ) -> StyledText {
    let whole = symbol + StyledText(rank + value + suffix, style: style)
    guard let width, whole.displayWidth > width else { return whole }
    let room = width - symbol.displayWidth - DisplayWidth.of(rank) - DisplayWidth.of(suffix)
    if room >= min(5, DisplayWidth.of(value)) {
      return symbol + StyledText(rank + DisplayWidth.middleShortened(value, to: room) + suffix, style: style)
    }
    return whole.truncated(to: width)
  }

  static func quoted(_ value: String) -> String { "\"" + value + "\"" }

  /// 1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st.
  public static func ordinal(_ number: Int) -> String {
    let suffix: String
    switch (number % 10, number % 100) {
    case (_, 11...13): suffix = "th"
    case (1, _): suffix = "st"
    case (2, _): suffix = "nd"
    case (3, _): suffix = "rd"
    default: suffix = "th"
    }
    return "\(number)\(suffix)"
  }

  static func axisLine(_ layout: Layout) -> StyledText {
    var characters = [Character](repeating: " ", count: layout.labelWidth + layout.barWidth + layout.statusWidth + 1)
    var t = 0.0
    var lastEnd = -1
    while t <= layout.axisEnd + 1e-9 {
      let label = Array(SecondsFormat.tick(t))
      var start = layout.labelWidth + layout.column(t)
      if t > 0 && abs(t - layout.axisEnd) < 1e-9 { start = layout.labelWidth + layout.barWidth - 1 }
      if start > lastEnd, start + label.count <= characters.count {
        characters.replaceSubrange(start..<(start + label.count), with: label)
        lastEnd = start + label.count
      }
      t += layout.tickStep
    }
    return StyledText(String(characters).trimmingTrailingSpaces(), style: .dim)
  }

  /// `▲` under the moment the caller resumed, with what happened; `┆` under a deadline.
  static func markerLine(_ snapshot: TimelineSnapshot, layout: Layout) -> StyledText? {
    let labels = markerLabels(snapshot, layout: layout)
    var line = StyledText()
    let styled = [labels.deadline.map { ($0, TextStyle.color(.red)) }, labels.join.map { ($0, TextStyle.bold) }].compactMap { $0 }
    for (label, style) in styled.sorted(by: { $0.0.start < $1.0.start }) {
      line.append(String(repeating: " ", count: max(0, label.start - line.displayWidth)))
      line.append(label.text, style: style)
    }
    return line.isEmpty ? nil : line
  }

  /// A label under the axis and the column it starts at.
  struct AxisLabel: Equatable {
    var text: String
    var start: Int
    var end: Int { start + DisplayWidth.of(text) }

    func overlaps(_ other: AxisLabel) -> Bool { start < other.end && other.start < end }
  }

  /// The deadline's and the join's labels under the axis, each in the longest form that fits
  /// beside the other: `┆ deadline` (or `deadline ┆`, left of its mark, when the join needs the
  /// room right of it; `┆` alone at the narrowest), and `▲` with what the caller got and when
  /// (or only when), right of its mark or else left of it. The deadline is not labelled when
  /// the join's `▲` takes its column; the join is left out when no form of it fits.
  static func markerLabels(_ snapshot: TimelineSnapshot, layout: Layout) -> (deadline: AxisLabel?, join: AxisLabel?) {
    let lineWidth = layout.labelWidth + layout.barWidth + layout.statusWidth + 1
    func fits(_ label: AxisLabel) -> Bool { label.start >= 0 && label.end <= lineWidth }
    var deadlines: [AxisLabel?] = [nil]
    if let deadline = deadlineLabel(snapshot, layout: layout) {
      let column = layout.labelWidth + layout.column(deadline)
      let forms = [AxisLabel(text: "┆ deadline", start: column), AxisLabel(text: "deadline ┆", start: column - 9)].filter(fits)
      deadlines = forms.isEmpty ? [AxisLabel(text: "┆", start: column)] : forms
    }
    guard let join = snapshot.join else { return (deadlines[0], nil) }
    let column = layout.labelWidth + layout.column(join.time)
    let time = SecondsFormat.seconds(join.time)
    let joins = [join.label + " " + time, time].flatMap { label in
      [AxisLabel(text: "▲ " + label, start: column), AxisLabel(text: label + " ▲", start: column - DisplayWidth.of(label) - 1)]
    }.filter(fits)
    for deadline in deadlines {
      if let placed = joins.first(where: { label in deadline.map { !label.overlaps($0) } ?? true }) { return (deadline, placed) }
    }
    return (deadlines[0], nil)
  }

  /// The deadline labelled under the axis (`┆ deadline`): not when the join's `▲` takes its column.
  static func deadlineLabel(_ snapshot: TimelineSnapshot, layout: Layout) -> Double? {
    guard let deadline = snapshot.deadline, snapshot.join.map({ layout.column($0.time) != layout.column(deadline) }) ?? true
    else { return nil }
    return deadline
  }

  /// The symbols in use, packed onto as few lines as the width allows.
  static func legendLines(_ snapshot: TimelineSnapshot, width: Int) -> [StyledText] {
    var items = [StyledText("█", style: .color(.yellow)) + " running"]
    if snapshot.rows.contains(where: { $0.waitingSince != nil }) {
      items.append(StyledText("░") + " waiting")
    }
    if snapshot.rows.contains(where: \.isOrphan) {
      items.append(StyledText("▒", style: .color(.cyan)) + " orphan")
    }
    if snapshot.rows.contains(where: { $0.cancellingSince != nil }) {
      items.append(StyledText("▓", style: .color(.magenta)) + " after cancel")
    }
    if snapshot.rows.contains(where: { row in
      showsRemainder(row) && (row.plannedEnd ?? 0) > (row.endedAt ?? snapshot.now) + 1e-9
    }) {
      items.append(StyledText("┄") + " planned")
    }
    items.append(StyledText("✓", style: .color(.green)) + " done")
    items.append(StyledText("✗", style: .color(.red)) + " failed")
    items.append(StyledText("⊘", style: .color(.magenta)) + " cancelled")
    if snapshot.rows.contains(where: { isCutOff($0, in: snapshot) }) {
      items.append(StyledText("■", style: .color(.yellow)) + " interrupted")
    }
    var lines: [StyledText] = []
    var line = StyledText()
    for item in items {
      if !line.isEmpty, line.displayWidth + 2 + item.displayWidth > width - 1 {
        lines.append(line)
        line = StyledText()
      }
      if !line.isEmpty { line.append("  ") }
      line.append(item)
    }
    lines.append(line)
    return lines.map { $0.applying(.dim).truncated(to: width - 1) }
  }

  /// The indices of the `count` rows a frame too short for all of them shows: the running, then
  /// the waiting, then those that ended last, then the not yet created.
  static func keptRows(_ rows: [TimelineRow], count: Int) -> [Int] {
    func rank(_ row: TimelineRow) -> Int {
      switch row.state {
      case .running: 0
      case .waiting: 1
      case .finished, .failed, .cancelled: 2
      case .notCreated: 3
      }
    }
    let order = rows.indices.sorted { a, b in
      let (x, y) = (rows[a], rows[b])
      if rank(x) != rank(y) { return rank(x) < rank(y) }
      if rank(x) == 2, x.endedAt != y.endedAt { return (x.endedAt ?? 0) > (y.endedAt ?? 0) }
      return a < b
    }
    return Array(order.prefix(max(0, count)))
  }

  /// "… 5 more: 1 running, 2 waiting, 2 not created": the hidden rows by state, zero counts left out.
  static func moreLine(_ hidden: [TimelineRow], width: Int) -> StyledText {
    let counts: [(String, Int)] = [
      ("running", hidden.filter { $0.state == .running }.count),
      ("waiting", hidden.filter { $0.state == .waiting }.count),
      ("not created", hidden.filter { $0.state == .notCreated }.count),
      ("ended", hidden.filter(\.state.hasEnded).count),
    ]
    let parts = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0)" }
    return StyledText("… \(hidden.count) more: " + parts.joined(separator: ", "), style: .dim).truncated(to: width - 1)
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
