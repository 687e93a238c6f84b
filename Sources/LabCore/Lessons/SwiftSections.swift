/// The Swift side of a lesson, marked so a Python-only reading (`--no-swift`, `swift off`) can
/// leave it out:
/// - a **Swift section** is a `##` heading whose text starts with "In Swift" (`## In Swift`,
///   `## In Swift: five differences`) and everything up to the next `#` or `##` heading;
/// - a ```swift block is Swift wherever it stands (the fence is its own marker);
/// - in a table, a **Swift column** is one whose header starts with "Swift" (the cheat sheet's
///   right half).
///
/// `lint` reports an "In Swift" heading that is not a `##` one (it would mark nothing); the
/// bundled course also keeps every ```swift block inside a Swift section, so the prose around a
/// snippet goes with it (a content test checks that).
///
/// ```swift
/// let pythonOnly = lesson.hidingSwift()   // the same lesson without its Swift sections
/// ```
public enum SwiftSections {
  /// Whether `block` is the heading that opens a Swift section.
  public static func opens(_ block: MarkdownBlock) -> Bool {
    guard case .heading(level: 2, let inlines) = block.kind else { return false }
    return inlines.plainText.trimmingWhitespace().hasPrefix("In Swift")
  }

  /// Whether `block` ends the section before it: a `#` or `##` heading.
  static func closes(_ block: MarkdownBlock) -> Bool {
    if case .heading(let level, _) = block.kind { return level <= 2 }
    return false
  }

  /// Each top-level block with whether it lies in a Swift section (its opening heading included).
  public static func marked(_ blocks: [MarkdownBlock]) -> [(block: MarkdownBlock, inSwift: Bool)] {
    var inSwift = false
    return blocks.map { block in
      if closes(block) { inSwift = opens(block) }
      return (block, inSwift)
    }
  }

  /// Whether `block` is a ```swift block.
  public static func isSwiftCode(_ block: MarkdownBlock) -> Bool {
    guard case .codeBlock(let info, _, true) = block.kind else { return false }
    return info.split(whereSeparator: \.isWhitespace).first == "swift"
  }

  /// Whether `block` is a heading that reads like a Swift section's but is not a `##` one.
  public static func isMisplacedSwiftHeading(_ block: MarkdownBlock) -> Bool {
    guard case .heading(let level, let inlines) = block.kind, level != 2 else { return false }
    return inlines.plainText.trimmingWhitespace().hasPrefix("In Swift")
  }

  /// The blocks without their Swift sections and ```swift blocks, and tables without their Swift
  /// columns.
  public static func hiding(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
    marked(blocks).filter { !$0.inSwift }.compactMap { hidingInside($0.block) }
  }

  /// The block without the Swift inside it, or nil when it is Swift itself.
  static func hidingInside(_ block: MarkdownBlock) -> MarkdownBlock? {
    if isSwiftCode(block) { return nil }
    switch block.kind {
    case .list(let ordered, let start, let tight, let items):
      let kept = items.map { $0.compactMap(hidingInside) }.filter { !$0.isEmpty }
      return kept.isEmpty ? nil : MarkdownBlock(.list(ordered: ordered, start: start, tight: tight, items: kept), line: block.line)
    case .blockQuote(let children):
      let kept = children.compactMap(hidingInside)
      return kept.isEmpty ? nil : MarkdownBlock(.blockQuote(kept), line: block.line)
    case .table:
      return withoutSwiftColumns(block)
    default:
      return block
    }
  }

  /// A table without the columns headed "Swift…", as long as one column is left.
  static func withoutSwiftColumns(_ block: MarkdownBlock) -> MarkdownBlock {
    guard case .table(let alignments, let header, let rows) = block.kind else { return block }
    let keep = header.indices.filter { !header[$0].plainText.trimmingWhitespace().hasPrefix("Swift") }
    guard !keep.isEmpty, keep.count < header.count else { return block }
    func pick<T>(_ cells: [T]) -> [T] { keep.filter { $0 < cells.count }.map { cells[$0] } }
    return MarkdownBlock(.table(alignments: pick(alignments), header: pick(header), rows: rows.map(pick)), line: block.line)
  }
}

extension MarkdownDocument {
  /// The document as a Python-only reading shows it (see `SwiftSections`).
  public func hidingSwift() -> MarkdownDocument {
    MarkdownDocument(blocks: SwiftSections.hiding(blocks))
  }
}
