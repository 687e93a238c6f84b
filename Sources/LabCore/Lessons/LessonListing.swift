import LabTerminal

/// The lessons as `gatherlab list` and the walkthrough's `list` print them: ✓ for done, ▸ for
/// the current one, then number, id, the prediction score (`2/3`: right out of the lesson's
/// predictions, when any lesson has a score) and title.
public enum LessonListing {
  public static func lines(
    _ catalog: LessonCatalog,
    done: Set<String>,
    current: String?,
    scores: [String: String] = [:],
    width: Int
  ) -> [StyledText] {
    let numberWidth = String(catalog.count).count
    let idWidth = min(catalog.ids.map(\.count).max() ?? 0, 28)
    let scoreWidth = scores.values.map(\.count).max() ?? 0
    return catalog.lessons.map { lesson in
      let isCurrent = lesson.id == current
      let marker: StyledText =
        isCurrent ? StyledText("▸ ", style: .color(.yellow))
        : done.contains(lesson.id) ? StyledText("✓ ", style: .color(.green)) : StyledText("  ")
      let number = String(lesson.number)
      let line = marker
        + StyledText(String(repeating: " ", count: numberWidth - number.count) + number + "  ", style: .dim)
        + StyledText(lesson.id.padding(to: idWidth), style: isCurrent ? .bold : .plain)
        + StyledText(scoreWidth == 0 ? "" : "  " + (scores[lesson.id] ?? "").padding(to: scoreWidth), style: .color(.cyan))
        + StyledText("  " + lesson.title, style: .dim)
      return line.truncated(to: width - 1)
    }
  }
}
