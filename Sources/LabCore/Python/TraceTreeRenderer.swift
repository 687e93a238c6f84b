import Foundation
import LabTerminal

/// Draws a `TraceTree` as lines of styled text at a width: one row per task (its trace id `#12`,
/// its label, a bar on a shared time axis when the terminal is wide enough, and its state), a
/// row per gather or TaskGroup carrying its own join (`▲`), folded rows that count many tasks.
///
/// ```text
/// trace · three.py · CPython 3.11.7                                     done 3.00s
/// #1 main()                    ██████████████████████████████████ ✓ 3.00s None
/// └ gather #1 · 3 tasks                                         ▲ returned 3.00s
///   ├ #2 fetch('a', 1)         ███████████                        ✓ 1.00s 'a'
/// ```
///
/// Pure: the same tree, instant and width always give the same lines.
public enum TraceTreeRenderer {
  /// What the header's clock says.
  public enum Moment: Sendable, Equatable {
    case live
    case done
    case interrupted
  }

  /// Below this width rows carry no bars.
  public static let barsFrom = 56

  /// The header, the rows and, with bars, the time axis.
  public static func render(
    _ tree: TraceTree, title: String, now: Double, moment: Moment, width: Int, bars: Bool = true
  ) -> [StyledText] {
    let width = min(max(width, 20), 120) - 1
    let rows = flatten(tree)
    var latest = max(now, 0.1)
    for row in rows {
      if case .span(let start, let end, _, _) = row.bar { latest = max(latest, start, end ?? now) }
      if case .marker(let time) = row.bar { latest = max(latest, time) }
    }
    let layout = Layout(rows: rows, width: width, bars: bars && width + 1 >= barsFrom, latest: latest)
    var lines = [header(title: title, now: now, moment: moment, width: width)]
    for row in rows { lines += line(row, layout: layout, now: now) }
    if layout.barWidth > 0, !rows.isEmpty { lines.append(axis(layout)) }
    return lines
  }

  /// The tree of `forest` drawn in at most `height` lines: folded as little as fits — slots of
  /// more tasks than there is room for folded, then slots of more than four, then each slot's
  /// ended and not-started tasks drawn as one line — and cut with a count if it still does not fit.
  public static func fitted(
    _ forest: TraceForest, title: String, now: Double, moment: Moment, width: Int, height: Int
  ) -> [StyledText] {
    let room = max(3, height)
    let attempts = [
      TraceTree.Options(foldAbove: room - 1),
      TraceTree.Options(foldAbove: 4),
      TraceTree.Options(foldAbove: 4, collapsesSettled: true),
    ]
    var lines: [StyledText] = []
    for options in attempts {
      lines = render(TraceTree(forest, options: options), title: title, now: now, moment: moment, width: width)
      if lines.count <= room { return lines }
    }
    let hasAxis = width >= barsFrom
    let axis = hasAxis ? lines.suffix(1) : []
    let body = lines.dropFirst().dropLast(hasAxis ? 1 : 0)
    let shown = max(0, room - 2 - axis.count)
    let more = StyledText("… \(body.count - shown) more lines", style: .dim)
    return [lines[0]] + body.prefix(shown) + [more] + axis
  }

  /// "where each task waits at 1.20s", then the await tree (no bars: it is one moment).
  public static func awaitPicture(_ forest: TraceForest, now: Double, width: Int) -> [StyledText] {
    let tree = TraceTree.awaits(forest)
    let w = min(max(width, 20), 120) - 1
    let title = StyledText("where each task waits at " + SecondsFormat.seconds(now), style: .bold).truncated(to: w)
    guard !tree.isEmpty else { return [title, StyledText("no task is pending", style: .dim)] }
    let rows = flatten(tree)
    let layout = Layout(rows: rows, width: w, bars: false, latest: now)
    return [title] + rows.flatMap { line($0, layout: layout, now: now) }
  }

  // MARK: - Rows

  enum Bar: Equatable {
    case span(start: Double, end: Double?, ranFrom: Double?, style: TextStyle)
    case marker(Double)
  }

  struct Row {
    /// The tree's lines before the row: "│ ├ ".
    var prefix: String
    /// Under the row, for a wrapped continuation: "│ │ ".
    var continuation: String
    var label: StyledText
    var bar: Bar?
    /// The state; for rows that span (folds, settled), the text after the label.
    var status: StyledText
    var spans: Bool
    /// A gather's or TaskGroup's row: without bars, its join follows its label on one line.
    var isStructure = false
  }

  static func flatten(_ tree: TraceTree) -> [Row] {
    var rows: [Row] = []
    func walk(_ nodes: [TraceTree.Node], lead: String, top: Bool) {
      for (offset, node) in nodes.enumerated() {
        let last = offset == nodes.count - 1
        let prefix = top ? "" : lead + (last ? "└ " : "├ ")
        let below = top ? "" : lead + (last ? "  " : "│ ")
        switch node {
        case .task(let task, let children):
          rows.append(Row(
            prefix: prefix, continuation: below, label: taskLabel(task),
            bar: .span(start: task.created, end: task.ended, ranFrom: task.started, style: style(task)),
            status: status(task, knowsWaits: tree.knowsWaits), spans: false
          ))
          walk(children, lead: below, top: false)
        case .structure(let structure, let count, let children):
          var label = StyledText(structure.container.text, style: .bold)
          label.append(" · " + number(count) + " task" + (count == 1 ? "" : "s"), style: .dim)
          rows.append(Row(
            prefix: prefix, continuation: below, label: label, bar: structure.join.map { .marker($0.time) },
            status: joinStatus(structure.join), spans: false, isStructure: true
          ))
          walk(children, lead: below, top: false)
        case .fold(let fold):
          rows.append(Row(
            prefix: prefix, continuation: below + "  ", label: StyledText(fold.kind + " × " + number(fold.total), style: .bold),
            bar: nil, status: StyledText(foldText(fold)), spans: true
          ))
          walk(fold.children, lead: below, top: false)
        case .settled(let counts):
          rows.append(Row(
            prefix: prefix, continuation: below + "  ", label: StyledText("…", style: .dim), bar: nil,
            status: StyledText(counts.map { number($0.count) + " " + $0.phrase }.joined(separator: ", "), style: .dim),
            spans: true
          ))
        }
      }
    }
    walk(tree.nodes, lead: "", top: true)
    return rows
  }

  static func taskLabel(_ task: TraceForest.Task) -> StyledText {
    StyledText("#\(task.id) ", style: .dim) + StyledText(task.label)
  }

  /// "99 978 sleeping, 22 done, p50 10 ms".
  static func foldText(_ fold: TraceTree.Fold) -> String {
    var parts = fold.counts.map { number($0.count) + " " + $0.phrase }
    if let median = fold.median {
      var durations = "p50 " + DurationSketch.text(median)
      if let p90 = fold.p90 { durations += ", p90 " + DurationSketch.text(p90) }
      parts.append(durations)
    }
    return parts.joined(separator: ", ")
  }

  /// The text with the spaces inside a number (`100 000`) and before a unit (`10 ms`) made
  /// no-break, so a wrapped fold never splits them.
  static func joiningNumbers(_ text: String) -> String {
    let characters = Array(text)
    var result = ""
    for (index, character) in characters.enumerated() {
      let before = index > 0 ? characters[index - 1] : " "
      let after = characters[(index + 1)...].prefix(2)
      if character == " ", before.isNumber, after.first?.isNumber == true || String(after) == "ms" {
        result.append("\u{00A0}")
      } else {
        result.append(character)
      }
    }
    return result
  }

  static func unjoined(_ text: String) -> String {
    text.replacingOccurrences(of: "\u{00A0}", with: " ")
  }

  /// 100 000, 1 000, 999.
  public static func number(_ value: Int) -> String {
    var digits = Array(String(value))
    var groups: [String] = []
    while digits.count > 3 {
      groups.insert(String(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(String(digits), at: 0)
    return groups.joined(separator: " ")
  }

  static func style(_ task: TraceForest.Task) -> TextStyle {
    switch task.end {
    case .finished: .color(.green)
    case .failed: TextStyle(foreground: .red, bold: true)
    case .cancelled: .color(.magenta)
    case nil: task.started == nil ? .dim : .color(.yellow)
    }
  }

  /// "▶ running", "◌ Queue.get", "◌ not started", "✓ 1.00s 'a'", "✗ 1.00s ValueError: x".
  static func status(_ task: TraceForest.Task, knowsWaits: Bool) -> StyledText {
    let at = task.ended.map { SecondsFormat.seconds($0) + " " } ?? ""
    switch task.end {
    case .finished(let value): return StyledText("✓ ", style: .color(.green)) + StyledText(at + "\"" + value + "\"")
    case .failed(let error): return StyledText("✗ " + at + error, style: .color(.red))
    case .cancelled: return StyledText("⊘ " + at + "cancelled", style: .color(.magenta))
    case nil:
      guard task.started != nil else { return StyledText("◌ not started", style: .dim) }
      if let on = task.waitsOn { return StyledText("◌ " + on, style: .color(.cyan)) }
      return StyledText(knowsWaits ? "▶ running" : "▶ started", style: .color(.yellow))
    }
  }

  /// "returned 3.00s", "raised ValueError: x 1.00s" (the bar marks it `▲`); nothing before the join.
  static func joinStatus(_ join: TraceForest.Join?) -> StyledText {
    guard let join else { return StyledText() }
    var what = join.label
    for prefix in ["gather ", "TaskGroup "] where what.hasPrefix(prefix) { what.removeFirst(prefix.count) }
    return StyledText(what + " " + SecondsFormat.seconds(join.time), style: join.threw ? .color(.red) : .bold)
  }

  // MARK: - Layout

  struct Layout {
    let width: Int
    let labelWidth: Int
    let barWidth: Int
    let statusWidth: Int
    let axisEnd: Double
    let tickStep: Double

    init(rows: [Row], width: Int, bars: Bool, latest: Double) {
      self.width = width
      // Without bars a gather's or TaskGroup's row is a line of its own, not in the columns.
      let columned = rows.filter { !$0.spans && (bars || !$0.isStructure) }
      let widestLabel = columned.map { DisplayWidth.of($0.prefix) + $0.label.displayWidth }.max() ?? 0
      let widestStatus = rows.filter { !$0.spans }.map(\.status.displayWidth).max() ?? 0
      if bars {
        statusWidth = min(widestStatus, max(16, width / 3))
        labelWidth = min(widestLabel, width - statusWidth - 2 - 12)
        barWidth = width - labelWidth - statusWidth - 2
      } else {
        labelWidth = min(widestLabel, max(12, width - min(widestStatus, width * 2 / 5) - 1))
        barWidth = 0
        statusWidth = max(0, width - labelWidth - 1)
      }
      let candidates: [Double] = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]
      let intervals = max(1, min(5.0, (Double(barWidth) / 9).rounded(.down)))
      tickStep = candidates.first { ((latest - 0.02 * $0) / $0).rounded(.up) <= intervals } ?? latest
      axisEnd = max(tickStep, (latest / tickStep - 0.02).rounded(.up) * tickStep)
    }

    func columns(from start: Double, to end: Double) -> Range<Int> {
      let scale = Double(barWidth) / axisEnd
      let first = min(barWidth - 1, max(0, Int((start * scale).rounded())))
      let last = min(barWidth, max(0, Int((end * scale).rounded())))
      if last > first { return first..<last }
      return end > start ? first..<(first + 1) : first..<first
    }

    func column(_ time: Double) -> Int {
      min(barWidth - 1, max(0, Int((time / axisEnd * Double(barWidth)).rounded(.down))))
    }
  }

  static func header(title: String, now: Double, moment: Moment, width: Int) -> StyledText {
    let clock: String
    switch moment {
    case .live: clock = SecondsFormat.seconds(now)
    case .done: clock = "done " + SecondsFormat.seconds(now)
    case .interrupted: clock = "interrupted at " + SecondsFormat.seconds(now)
    }
    let clockText = StyledText(clock, style: .bold)
    let room = width - clockText.displayWidth - 2
    return StyledText(title, style: .bold).truncated(to: max(0, room)).padded(to: width - clockText.displayWidth) + clockText
  }

  static func line(_ row: Row, layout: Layout, now: Double) -> [StyledText] {
    let prefix = StyledText(row.prefix, style: .dim)
    if row.isStructure, layout.barWidth == 0 || row.status.isEmpty {
      let join = row.status.isEmpty ? StyledText() : StyledText(" · ", style: .dim) + row.status
      var text = prefix + row.label + join
      if text.displayWidth > layout.width, let name = row.label.spans.first {
        // Narrow: the join before the count of tasks.
        text = prefix + StyledText(spans: [name]) + join
      }
      return [text.truncated(to: layout.width)]
    }
    if row.spans {
      // A fold: its label and counts, on two lines at most.
      let text = row.label.plainText + (row.label.plainText == "…" ? " " : ": ") + row.status.plainText
      let room = max(8, layout.width - DisplayWidth.of(row.prefix))
      let wrapped = TextWrapper.wrap(Self.joiningNumbers(text), width: room).map(Self.unjoined)
      var lines: [StyledText] = []
      for (offset, part) in wrapped.prefix(2).enumerated() {
        let lead = offset == 0 ? prefix : StyledText(row.continuation, style: .dim)
        let shown = offset == 1 && wrapped.count > 2 ? part + " …" : part
        lines.append((lead + StyledText(shown, style: offset == 0 && row.label.plainText == "…" ? .dim : .plain)).truncated(to: layout.width))
      }
      return lines
    }
    var text = (prefix + row.label).truncated(to: layout.labelWidth).padded(to: layout.labelWidth)
    text.append(" ")
    if layout.barWidth > 0 {
      text.append(bar(row.bar, layout: layout, now: now))
      text.append(" ")
    }
    text.append(row.status.truncated(to: layout.width - text.displayWidth))
    return [text]
  }

  static func bar(_ bar: Bar?, layout: Layout, now: Double) -> StyledText {
    var cells = [Character](repeating: " ", count: layout.barWidth)
    var style = TextStyle.plain
    var waitingCells: Range<Int> = 0..<0
    switch bar {
    case .span(let start, let end, let ranFrom, let runStyle):
      let end = end ?? now
      waitingCells = layout.columns(from: start, to: ranFrom ?? end)
      for column in waitingCells { cells[column] = "░" }
      if let ranFrom {
        for column in layout.columns(from: ranFrom, to: end) { cells[column] = "█" }
      }
      style = runStyle
    case .marker(let time):
      cells[layout.column(time)] = "▲"
      style = .bold
    case nil:
      break
    }
    var text = StyledText()
    for cell in cells {
      text.append(String(cell), style: cell == "░" ? .dim : cell == " " ? .plain : style)
    }
    return text
  }

  static func axis(_ layout: Layout) -> StyledText {
    var characters = [Character](repeating: " ", count: layout.labelWidth + 1 + layout.barWidth + 1 + layout.statusWidth)
    var t = 0.0
    var lastEnd = -1
    while t <= layout.axisEnd + 1e-9 {
      let label = Array(SecondsFormat.tick(t))
      var start = layout.labelWidth + 1 + layout.column(t)
      if t > 0 && abs(t - layout.axisEnd) < 1e-9 { start = layout.labelWidth + 1 + layout.barWidth - 1 }
      if start > lastEnd, start + label.count <= characters.count {
        characters.replaceSubrange(start..<(start + label.count), with: label)
        lastEnd = start + label.count
      }
      t += layout.tickStep
    }
    var text = String(characters)
    while text.last == " " { text.removeLast() }
    return StyledText(text, style: .dim)
  }
}
