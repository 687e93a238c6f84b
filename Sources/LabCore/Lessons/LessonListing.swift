import LabTerminal

/// The lessons as `gatherlab list` and the walkthrough's `list` print them: ✓ for done, ▸ for
/// the current one, then number, id, the prediction score (`2/3`: right out of the lesson's
/// predictions, when any lesson has a score) and title.
///
/// Where the title would get fewer than `minimumTitleWidth` columns beside the id, as in a
/// 40-column terminal, each title goes on lines of its own under its id, wrapped, rather than
/// cut to a letter.
public enum LessonListing {
  public static let minimumTitleWidth = 16
  /// The heading over the lessons of part 2, after the guide's.
  public static let partTwoHeading = "Part two: structured concurrency"

  /// The heading a part's lessons start under in the listing, if it has one (part 1 has none).
  public static func heading(ofPart part: Int) -> String? {
    part == 2 ? partTwoHeading : nil
  }

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
    let scoreColumns = scoreWidth == 0 ? 0 : 2 + scoreWidth
    // The last column stays free: a line that fills it makes some terminals wrap.
    let usable = max(1, width - 1)
    let indent = 2 + numberWidth + 2
    let titleBeside = usable - (indent + idWidth + scoreColumns + 2) >= minimumTitleWidth
    func lines(of lesson: Lesson) -> [StyledText] {
      let isCurrent = lesson.id == current
      let marker: StyledText =
        isCurrent ? StyledText("▸ ", style: .color(.yellow))
        : done.contains(lesson.id) ? StyledText("✓ ", style: .color(.green)) : StyledText("  ")
      let number = String(lesson.number)
      let score = scores[lesson.id] ?? ""
      let head = marker
        + StyledText(String(repeating: " ", count: numberWidth - number.count) + number + "  ", style: .dim)
      guard !titleBeside else {
        let line = head
          + StyledText(lesson.id.padding(to: idWidth), style: isCurrent ? .bold : .plain)
          + StyledText(scoreWidth == 0 ? "" : "  " + score.padding(to: scoreWidth), style: .color(.cyan))
          + StyledText("  " + lesson.title, style: .dim)
        return [line.truncated(to: usable)]
      }
      let idLine = head
        + StyledText(lesson.id, style: isCurrent ? .bold : .plain)
        + StyledText(score.isEmpty ? "" : "  " + score, style: .color(.cyan))
      let margin = StyledText(String(repeating: " ", count: min(indent, usable / 2)))
      let title = TextWrapper.wrap(StyledText(lesson.title, style: .dim), width: max(1, usable - margin.displayWidth))
      return [idLine.truncated(to: usable)] + title.map { margin + $0 }
    }
    var previousPart = catalog.lessons.first?.part ?? 1
    return catalog.lessons.flatMap { lesson in
      var partHeading: [StyledText] = []
      if lesson.part != previousPart, let text = Self.heading(ofPart: lesson.part) {
        partHeading = [StyledText(), StyledText(text, style: .bold).truncated(to: usable)]
      }
      previousPart = lesson.part
      return partHeading + lines(of: lesson)
    }
  }
}
