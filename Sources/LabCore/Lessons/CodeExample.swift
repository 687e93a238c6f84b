/// A fenced code block of a lesson as an example to check: its language, the words after it
/// (`fragment`, `invalid`), the code, and the ```output block that directly follows it, if any.
///
/// The test that runs every Python program uses these: a `python` block without modifiers is a
/// complete program, and its `output` block is what running it must print.
///
/// ```swift
/// for example in lesson.document.codeExamples where example.language == "python" && example.isCompleteProgram {
///   // run example.code with python3, compare with example.expectedOutput
/// }
/// ```
public struct CodeExample: Sendable, Equatable {
  public let language: String
  /// The words after the language: `["fragment"]`, `["invalid"]`, or none.
  public let modifiers: [String]
  public let code: String
  /// The line of the opening fence in the lesson file.
  public let line: Int
  /// The text of the ```output block right after this one, if there is one.
  public let expectedOutput: String?

  public init(language: String, modifiers: [String] = [], code: String, line: Int, expectedOutput: String? = nil) {
    self.language = language
    self.modifiers = modifiers
    self.code = code
    self.line = line
    self.expectedOutput = expectedOutput
  }

  /// Not marked as a fragment or as invalid on purpose: it should run as written.
  public var isCompleteProgram: Bool { modifiers.isEmpty }
}

extension MarkdownDocument {
  /// The ```python blocks that run as written (not `fragment`, not `invalid`), in reading order:
  /// what `trace N` in the walkthrough counts.
  public var pythonPrograms: [CodeExample] {
    codeExamples.filter { $0.language == "python" && $0.isCompleteProgram }
  }

  /// Every fenced code block that is not itself an `output` block, in reading order, paired with
  /// the `output` block that follows it in the same list item, quote or document.
  public var codeExamples: [CodeExample] {
    var examples: [CodeExample] = []
    func collect(_ blocks: [MarkdownBlock]) {
      for (index, block) in blocks.enumerated() {
        switch block.kind {
        case .codeBlock(let info, let code, true):
          let words = info.split(whereSeparator: \.isWhitespace).map(String.init)
          guard let language = words.first, language != "output" else { continue }
          var output: String?
          if index + 1 < blocks.count, case .codeBlock(let next, let text, true) = blocks[index + 1].kind,
            next.split(whereSeparator: \.isWhitespace).first == "output"
          {
            output = text
          }
          examples.append(
            CodeExample(
              language: language, modifiers: Array(words.dropFirst()), code: code, line: block.line,
              expectedOutput: output
            )
          )
        case .list(_, _, _, let items):
          items.forEach(collect)
        case .blockQuote(let children):
          collect(children)
        default:
          break
        }
      }
    }
    collect(blocks)
    return examples
  }
}
