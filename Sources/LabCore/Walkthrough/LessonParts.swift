/// A lesson cut into the parts the walkthrough reads one at a time: a new part at each `##`
/// heading and before each prediction (a ```predict block), so a question is never on screen
/// with the answer below it.
///
/// A part that would hold nothing but headings joins the part after it, so a `## Section` right
/// before a prediction opens the prediction's part instead of standing alone.
///
/// ```swift
/// let parts = LessonParts.split(lesson.document.blocks)
/// parts.count      // 4: the opening, two `##` sections, and a prediction
/// ```
public enum LessonParts {
  /// The blocks of each part, in reading order; never empty for a non-empty document.
  public static func split(_ blocks: [MarkdownBlock]) -> [[MarkdownBlock]] {
    var parts: [[MarkdownBlock]] = []
    var current: [MarkdownBlock] = []
    for block in blocks {
      let opensPart = isSectionHeading(block) || isPrediction(block)
      if opensPart, !current.isEmpty, !current.allSatisfy(isHeading) {
        parts.append(current)
        current = []
      }
      current.append(block)
    }
    if !current.isEmpty { parts.append(current) }
    return parts
  }

  /// A ```predict block.
  public static func isPrediction(_ block: MarkdownBlock) -> Bool {
    if case .codeBlock(let info, _, true) = block.kind {
      return info.split(whereSeparator: \.isWhitespace).first == "predict"
    }
    return false
  }

  private static func isSectionHeading(_ block: MarkdownBlock) -> Bool {
    if case .heading(level: 2, _) = block.kind { true } else { false }
  }

  private static func isHeading(_ block: MarkdownBlock) -> Bool {
    if case .heading = block.kind { true } else { false }
  }
}
