import LabTerminal

/// How exports name a row: `[0] A`, with the argument index counted from 0, as Python and Swift
/// count it (the index into the results list). The one place that turns a row into its index,
/// so the renderer and exports agree.
public enum RowLabel {
  /// The row's index in its phase's argument list, from 0.
  public static func argumentIndex(_ row: TimelineRow) -> Int { row.index }

  /// "[0] A".
  public static func text(_ row: TimelineRow) -> String { "[\(argumentIndex(row))] \(row.name)" }

  /// The state as the timelines write it, symbol first: `✓ 3rd "A"`, `✗ 1st A failed`,
  /// `⊘ cancelled`, `▶ running orphan`, `✓ 2nd "B" (lost)`. `cutOff`: the row never ended because
  /// its run was interrupted (`TimelineRenderer.isCutOff`), `■ interrupted` as the terminal says.
  public static func status(_ row: TimelineRow, valueWidth: Int = 40, cutOff: Bool = false) -> String {
    let rank = row.finishRank.map { TimelineRenderer.ordinal($0) + " " } ?? ""
    let orphan = row.isOrphan ? (row.state.hasEnded ? " (lost)" : " orphan") : ""
    if cutOff { return "■ interrupted" + orphan }
    switch row.state {
    case .notCreated: return "· not created"
    case .waiting: return "◌ waiting"
    case .running: return "▶ running" + orphan
    case .finished(let value): return "✓ " + rank + "\"" + shortened(value, to: valueWidth) + "\"" + orphan
    case .failed(let error): return "✗ " + rank + shortened(error, to: valueWidth) + orphan
    case .cancelled: return "⊘ " + rank + "cancelled" + orphan
    }
  }

  /// `text` cut from the middle to at most `width` characters, so both ends stay: `/api/…/user/3`.
  public static func shortened(_ text: String, to width: Int) -> String {
    guard text.count > width, width > 3 else { return text }
    let tail = (width - 1) / 2
    return String(text.prefix(width - 1 - tail)) + "…" + String(text.suffix(tail))
  }
}
