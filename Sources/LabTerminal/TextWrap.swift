/// Word wrapping for plain sentences: lines never longer than the width, words never split
/// unless a single word is wider than a whole line.
public enum TextWrap {
  /// `text` wrapped to `width` columns; lines after the first start with `indent` spaces.
  public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
    let width = max(width, indent + 8)
    var lines: [String] = []
    var line = ""
    var lineWidth = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      var word = word
      let prefixWidth = lines.isEmpty ? 0 : indent
      let wordWidth = DisplayWidth.of(word)
      if lineWidth > 0, lineWidth + 1 + wordWidth + prefixWidth > width {
        lines.append(line)
        line = ""
        lineWidth = 0
      }
      let available = width - (lines.isEmpty ? 0 : indent)
      while DisplayWidth.of(word) > available - lineWidth, lineWidth == 0 {
        let (head, tail) = split(word, at: available)
        lines.append(head)
        word = tail
      }
      if lineWidth > 0 {
        line += " "
        lineWidth += 1
      }
      line += word
      lineWidth += DisplayWidth.of(word)
    }
    if !line.isEmpty || lines.isEmpty { lines.append(line) }
    let padding = String(repeating: " ", count: indent)
    return lines.enumerated().map { $0.offset == 0 ? $0.element : padding + $0.element }
  }

  private static func split(_ word: String, at columns: Int) -> (String, String) {
    var head = ""
    var used = 0
    var index = word.startIndex
    while index < word.endIndex {
      let width = DisplayWidth.of(word[index])
      if used + width > columns, used > 0 { break }
      head.append(word[index])
      used += width
      index = word.index(after: index)
    }
    return (head, String(word[index...]))
  }
}
