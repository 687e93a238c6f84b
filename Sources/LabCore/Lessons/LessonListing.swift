import LabTerminal

/// The lessons as `gatherlab list` and the walkthrough's `list` print them: ✓ for done, ▸ for
/// the current one, then number, id and title.
public enum LessonListing {
  public static func lines(_ catalog: LessonCatalog, done: Set<String>, current: String?, width: Int) -> [StyledText] {
    let numberWidth = String(catalog.count).count
    let idWidth = min(catalog.ids.map(\.count).max() ?? 0, 28)
    return catalog.lessons.map { lesson in
      let isCurrent = lesson.id == current
      let marker: StyledText =
        isCurrent ? StyledText("▸ ", style: .color(.yellow))
        : done.contains(lesson.id) ? StyledText("✓ ", style: .color(.green)) : StyledText("  ")
      let number = String(lesson.number)
      let line = marker
        + StyledText(String(repeating: " ", count: numberWidth - number.count) + number + "  ", style: .dim)
        + StyledText(lesson.id.padding(to: idWidth), style: isCurrent ? .bold : .plain)
        + StyledText("  " + lesson.title, style: .dim)
      return line.truncated(to: width - 1)
    }
  }
}
