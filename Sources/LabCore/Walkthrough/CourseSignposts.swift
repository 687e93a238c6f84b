import LabTerminal

/// What the walkthrough says about where to go next: the hint line after a lesson's last part,
/// and the end of the course (what is done, what is not, what to try).
enum CourseSignposts {
  /// `▸ 'run' runs ordering delays=3,1,2 · 'code' shows its source · Enter goes on to lesson 6`.
  static func hints(for lesson: Lesson, nextLesson: Int?, width: Int) -> [StyledText] {
    var hints: [String] = []
    if let demo = lesson.demo {
      hints.append("'run' runs \(demo)" + (lesson.params.isEmpty ? "" : " " + lesson.params.map { "\($0.name)=\($0.value)" }.joined(separator: " ")))
      hints.append("'code' shows its source")
    }
    hints.append(nextLesson.map { "Enter goes on to lesson \($0)" } ?? "this is the last lesson")
    return TextWrapper.wrap("▸ " + hints.joined(separator: " · "), width: width - 1, indent: 2).map { StyledText($0, style: .dim) }
  }

  /// Runs worth trying after the course, each with what it shows.
  static let tips: [(command: String, shows: String)] = [
    ("run error-cancel mode=gather delays=1,4", "orphans that outlive the error by seconds"),
    ("run semaphore tasks=40 limit=8 mode=window", "a sliding window at work"),
    ("run timeout delays=2,4,6 timeout=3", "which results a deadline throws away"),
  ]

  /// The end of the course: how many lessons are done, which are not (by number and id), runs to
  /// try, and what to do next; every line within `width - 1` columns, broken between words.
  static func endOfCourse(_ catalog: LessonCatalog, done: Set<String>, width: Int) -> [StyledText] {
    let doneCount = catalog.lessons.filter { done.contains($0.id) }.count
    var lines = wrap("You have reached the end of the course (\(doneCount)/\(catalog.count) lessons done).", width: width, style: .bold)
    let missing = catalog.lessons.filter { !done.contains($0.id) }
    if !missing.isEmpty {
      let named = missing.map { "\($0.number) \($0.id)" }.joined(separator: ", ")
      let which = missing.count == 1 ? "Not read to its end yet: \(named) ('goto \(missing[0].number)')." : "Not read to their end yet: \(named)."
      lines += wrap(which, width: width, style: .plain)
    }
    lines.append(StyledText("Things to try next:"))
    // Each tip on one line when they all fit; else each command with what it shows under it.
    let oneLine = tips.map { "  \($0.command)   \($0.shows)" }
    if oneLine.allSatisfy({ DisplayWidth.of($0) < width }) {
      lines += oneLine.map { StyledText($0) }
    } else {
      for tip in tips {
        lines += wrap(tip.command, width: width, style: .plain, indent: 2, lead: "  ")
        lines += TextWrapper.wrap(tip.shows, width: width - 1 - 6).map { StyledText("      " + $0, style: .dim) }
      }
    }
    lines += wrap("goto 1 to read it again, or 'restart' to clear your progress.", width: width, style: .dim, indent: 2, lead: "  ")
    return lines
  }

  private static func wrap(_ text: String, width: Int, style: TextStyle, indent: Int = 0, lead: String = "") -> [StyledText] {
    TextWrapper.wrap(text, width: width - 1 - lead.count, indent: indent).map { StyledText(lead + $0, style: style) }
  }
}
