import LabTerminal

/// A whole lesson for the terminal, as `gatherlab show` and the walkthrough print it: a line
/// saying where it sits in the course, the title (unless the body opens with its own `#`
/// heading), then the body.
///
/// ```
/// Lesson 5/13 · results-order · guide: Results Order
///
/// Results come back in order
/// ══════════════════════════
/// ```
public struct LessonRenderer: Sendable {
  public static let metaStyle = TextStyle(dim: true)

  public let markdown: MarkdownRenderer

  public init(width: Int, color: Bool) {
    markdown = MarkdownRenderer(width: width, color: color)
  }

  /// The lesson's lines; `total` is the number of lessons in the course, for "5/13".
  public func lines(for lesson: Lesson, total: Int) -> [StyledText] {
    lines(for: lesson, blocks: lesson.document.blocks, total: total, opening: true)
  }

  /// Some of the lesson's blocks (a part the walkthrough reads, `LessonParts`); the `opening`
  /// part starts with the line saying where the lesson sits and its title.
  /// A prediction the learner has answered (in `answers`, keyed `LESSON/ID`) shows that answer.
  public func lines(
    for lesson: Lesson, blocks: [MarkdownBlock], total: Int, opening: Bool, answers: [String: PredictionRecord] = [:]
  ) -> [StyledText] {
    guard opening else { return render(blocks, of: lesson, answers: answers) }
    let meta = StyledText(
      "Lesson \(lesson.number)/\(total) · \(lesson.id) · " + (lesson.part == 2 ? "part two: " : "guide: ") + lesson.section,
      style: Self.metaStyle
    )
    var blocks = blocks
    let opensWithTitle = blocks.first.map { if case .heading(level: 1, _) = $0.kind { true } else { false } } ?? false
    if !opensWithTitle {
      blocks.insert(MarkdownBlock(.heading(level: 1, [.text(lesson.title)]), line: lesson.bodyStartLine), at: 0)
    }
    return TextWrapper.wrap(meta, width: markdown.width) + [StyledText()] + render(blocks, of: lesson, answers: answers)
  }

  /// The blocks as Markdown, except that a ```predict block reads as its question (with its
  /// options), not as the YAML it is written in; one that cannot be read stays as written.
  private func render(_ blocks: [MarkdownBlock], of lesson: Lesson, answers: [String: PredictionRecord]) -> [StyledText] {
    guard blocks.contains(where: LessonParts.isPrediction) else {
      return markdown.render(blocks, width: markdown.width, depth: 0, tight: false)
    }
    let predictions = PredictionParser.predictions(in: lesson).predictions
    var output: [StyledText] = []
    var pending: [MarkdownBlock] = []
    func flush() {
      let lines = markdown.render(pending, width: markdown.width, depth: 0, tight: false)
      if !lines.isEmpty, !output.isEmpty { output.append(StyledText()) }
      output += lines
      pending = []
    }
    for block in blocks {
      guard LessonParts.isPrediction(block), let prediction = predictions.first(where: { $0.line == block.line }) else {
        pending.append(block)
        continue
      }
      flush()
      if !output.isEmpty { output.append(StyledText()) }
      output += PredictionQuestion(prediction).printedLines(width: markdown.width, answered: answers[prediction.key(lesson: lesson)])
    }
    flush()
    return output
  }

  /// The lesson as one string ending in a newline, with escape codes only when color is on.
  public func string(for lesson: Lesson, total: Int) -> String {
    lines(for: lesson, total: total).map { $0.rendered(color: markdown.color) }.joined(separator: "\n") + "\n"
  }
}
