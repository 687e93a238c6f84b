import LabTerminal

/// Light syntax coloring for the Python and Swift in lessons: keywords, strings, comments and
/// numbers, line by line (a string or comment may run over several lines).
///
/// It is a scanner, not a parser: good enough to make code easier to read, never a reason to
/// change what is shown. Other languages come back unstyled.
///
/// ```swift
/// CodeHighlighter.highlight("x = 1  # one", language: "python")
/// // [x = , 1 (number), "  ", # one (comment)]
/// ```
public enum CodeHighlighter {
  /// The styles of each kind of token.
  public enum Theme {
    public static let keyword = TextStyle(foreground: .magenta)
    public static let string = TextStyle(foreground: .green)
    public static let comment = TextStyle(dim: true, italic: true)
    public static let number = TextStyle(foreground: .yellow)
    public static let attribute = TextStyle(foreground: .cyan)
  }

  /// One `StyledText` per line of `code` (tabs already expanded by the caller).
  public static func highlight(_ code: String, language: String) -> [StyledText] {
    let lines = code.lineSlices.map(String.init)
    guard let grammar = Grammar(language: language) else { return lines.map { StyledText($0) } }
    var state = State.code
    return lines.map { line in grammar.highlight(line, state: &state) }
  }

  /// What the scanner is inside of when a line ends.
  private enum State {
    case code
    /// Inside a string that spans lines, closed by `delimiter`.
    case string(delimiter: String)
    case blockComment
  }

  private struct Grammar {
    let keywords: Set<String>
    let lineComment: String
    let blockComment: (open: String, close: String)?
    /// Multi-line string delimiters, tried before single-line ones.
    let longStrings: [String]
    let stringQuotes: [Character]
    /// Letters that may prefix a Python string: f"…", r'…', b"…".
    let stringPrefixes: Set<Character>
    let attributeMarker: Character

    init?(language: String) {
      switch language {
      case "python":
        keywords = [
          "False", "None", "True", "and", "as", "assert", "async", "await", "break", "case", "class", "continue",
          "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
          "lambda", "match", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        ]
        lineComment = "#"
        blockComment = nil
        longStrings = ["\"\"\"", "'''"]
        stringQuotes = ["\"", "'"]
        stringPrefixes = ["f", "r", "b", "u", "F", "R", "B", "U"]
        attributeMarker = "@"
      case "swift":
        keywords = [
          "actor", "any", "as", "associatedtype", "async", "await", "break", "case", "catch", "class", "continue",
          "default", "defer", "do", "else", "enum", "extension", "fallthrough", "false", "fileprivate", "for",
          "func", "guard", "if", "import", "in", "init", "inout", "internal", "is", "let", "nil", "nonisolated",
          "private", "protocol", "public", "repeat", "rethrows", "return", "self", "Self", "some", "static",
          "struct", "subscript", "super", "switch", "throw", "throws", "true", "try", "typealias", "var", "where",
          "while", "sending", "consuming", "borrowing", "mutating", "isolated",
        ]
        lineComment = "//"
        blockComment = ("/*", "*/")
        longStrings = ["\"\"\""]
        stringQuotes = ["\""]
        stringPrefixes = []
        attributeMarker = "@"
      default:
        return nil
      }
    }

    func highlight(_ line: String, state: inout State) -> StyledText {
      let characters = Array(line)
      var output = StyledText()
      var index = 0

      func text(_ range: Range<Int>) -> String { String(characters[range]) }
      func starts(_ token: String, at position: Int) -> Bool {
        let token = Array(token)
        return position + token.count <= characters.count
          && Array(characters[position..<position + token.count]) == token
      }
      /// Where `delimiter` closes a string that starts at `position` (after its opening), skipping
      /// backslash escapes; nil if not on this line.
      func closing(_ delimiter: String, from position: Int) -> Int? {
        var cursor = position
        while cursor < characters.count {
          if characters[cursor] == "\\" {
            cursor += 2
            continue
          }
          if starts(delimiter, at: cursor) { return cursor + delimiter.count }
          cursor += 1
        }
        return nil
      }

      // Finish what the previous line left open.
      switch state {
      case .code:
        break
      case .string(let delimiter):
        if let end = closing(delimiter, from: 0) {
          output.append(text(0..<end), style: Theme.string)
          index = end
          state = .code
        } else {
          output.append(line, style: Theme.string)
          return output
        }
      case .blockComment:
        if let close = blockComment?.close, let range = line.firstRange(of: close) {
          let end = line.distance(from: line.startIndex, to: range.upperBound)
          output.append(text(0..<end), style: Theme.comment)
          index = end
          state = .code
        } else {
          output.append(line, style: Theme.comment)
          return output
        }
      }

      while index < characters.count {
        let character = characters[index]
        if starts(lineComment, at: index) {
          output.append(text(index..<characters.count), style: Theme.comment)
          break
        }
        if let blockComment, starts(blockComment.open, at: index) {
          let rest = String(characters[(index + blockComment.open.count)...])
          if let range = rest.firstRange(of: blockComment.close) {
            let end = index + blockComment.open.count + rest.distance(from: rest.startIndex, to: range.upperBound)
            output.append(text(index..<end), style: Theme.comment)
            index = end
            continue
          }
          output.append(text(index..<characters.count), style: Theme.comment)
          state = .blockComment
          break
        }
        var stringStart = index
        while stringStart < characters.count, stringPrefixes.contains(characters[stringStart]),
          stringStart - index < 2
        {
          stringStart += 1
        }
        let isWordStart = index == 0 || !Self.isIdentifier(characters[index - 1])
        if stringStart == index || isWordStart,
          stringStart < characters.count, stringQuotes.contains(characters[stringStart])
        {
          if let long = longStrings.first(where: { starts($0, at: stringStart) }) {
            if let end = closing(long, from: stringStart + long.count) {
              output.append(text(index..<end), style: Theme.string)
              index = end
            } else {
              output.append(text(index..<characters.count), style: Theme.string)
              state = .string(delimiter: long)
              index = characters.count
            }
            continue
          }
          let quote = String(characters[stringStart])
          let end = closing(quote, from: stringStart + 1) ?? characters.count
          output.append(text(index..<end), style: Theme.string)
          index = end
          continue
        }
        if character.isNumber, character.isASCII, isWordStart {
          var end = index
          while end < characters.count, Self.isIdentifier(characters[end]) || characters[end] == "." {
            end += 1
          }
          output.append(text(index..<end), style: Theme.number)
          index = end
          continue
        }
        if Self.isIdentifier(character) {
          var end = index
          while end < characters.count, Self.isIdentifier(characters[end]) { end += 1 }
          let word = text(index..<end)
          output.append(word, style: keywords.contains(word) ? Theme.keyword : .plain)
          index = end
          continue
        }
        if character == attributeMarker || character == "#",
          index + 1 < characters.count, Self.isIdentifier(characters[index + 1])
        {
          var end = index + 1
          while end < characters.count, Self.isIdentifier(characters[end]) || characters[end] == "." { end += 1 }
          output.append(text(index..<end), style: Theme.attribute)
          index = end
          continue
        }
        output.append(String(character))
        index += 1
      }
      return output
    }

    static func isIdentifier(_ character: Character) -> Bool {
      character == "_" || character.isLetter || character.isNumber
    }
  }
}
