import LabTerminal

/// `code [DEMO] [--all]`: the demo's Python twin first (the course teaches Python), without
/// gatherlab's instrumentation so that it runs as printed (`PlainPython`), then the
/// Swift code that gathers, or with `all` the whole Swift file — in the lessons' code box, long
/// lines continued on `↪` lines rather than cut.
enum CodeListing {
  static func lines(for demo: any Demo, all: Bool, width: Int, color: Bool) -> [StyledText] {
    var lines: [StyledText] = []
    if let python = demo.plainPythonSource {
      lines += header("Python · \(demo.pythonFile) (plain asyncio: runs as printed with python3)", width: width)
      lines.append(StyledText())
      lines += codeLines(python, language: "python", width: width, color: color)
    }
    if let swift = all ? demo.swiftSource : demo.swiftConcurrencyCode {
      if !lines.isEmpty { lines.append(StyledText()) }
      let part = all ? "the whole file" : "the concurrency code; 'code \(demo.id) --all' shows the whole file"
      lines += header("Swift · Sources/LabCore/Demos/\(demo.sourceFile) (\(part))", width: width)
      lines.append(StyledText())
      lines += codeLines(swift, language: "swift", width: width, color: color)
    }
    return lines
  }

  /// A header wrapped at word boundaries, never cut mid-word by the terminal.
  private static func header(_ text: String, width: Int) -> [StyledText] {
    TextWrapper.wrap(text, width: width - 1, indent: 2).map { StyledText($0, style: .bold) }
  }

  private static func codeLines(_ code: String, language: String, width: Int, color: Bool) -> [StyledText] {
    let text = code.hasSuffix("\n") ? String(code.dropLast()) : code
    let block = MarkdownBlock(.codeBlock(info: language, code: text, fenced: true), line: 1)
    return MarkdownRenderer(width: width, color: color).lines(for: MarkdownDocument(blocks: [block]))
  }
}
