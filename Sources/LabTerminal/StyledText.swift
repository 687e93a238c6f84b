/// A line (or part of one) made of runs of text, each with its own style.
///
/// Renderers build `StyledText` as a pure value; only at the edge is it turned into a string,
/// with escape codes when color is on and without when it is off.
///
/// ```swift
/// var line = StyledText("B ", style: .bold)
/// line.append("finished", style: .color(.green))
/// print(line.rendered(color: true))
/// ```
public struct StyledText: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
  public struct Span: Sendable, Hashable {
    public var text: String
    public var style: TextStyle

    public init(_ text: String, style: TextStyle = .plain) {
      self.text = text
      self.style = style
    }
  }

  public private(set) var spans: [Span]

  public init() { spans = [] }

  public init(_ text: String, style: TextStyle = .plain) {
    spans = text.isEmpty ? [] : [Span(text, style: style)]
  }

  public init(spans: [Span]) {
    self.spans = spans.filter { !$0.text.isEmpty }
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The text without any styling.
  public var plainText: String { spans.map(\.text).joined() }

  public var description: String { plainText }

  /// Columns the text takes on a terminal.
  public var displayWidth: Int { spans.reduce(0) { $0 + DisplayWidth.of($1.text) } }

  public var isEmpty: Bool { spans.isEmpty }

  public mutating func append(_ text: String, style: TextStyle = .plain) {
    guard !text.isEmpty else { return }
    if let last = spans.last, last.style == style {
      spans[spans.count - 1].text += text
    } else {
      spans.append(Span(text, style: style))
    }
  }

  public mutating func append(_ other: StyledText) {
    for span in other.spans { append(span.text, style: span.style) }
  }

  public static func + (lhs: StyledText, rhs: StyledText) -> StyledText {
    var result = lhs
    result.append(rhs)
    return result
  }

  /// The same text with `style` laid over every span (attributes added, color replaced if given).
  public func applying(_ style: TextStyle) -> StyledText {
    StyledText(spans: spans.map { span in
      var merged = span.style
      merged.foreground = style.foreground ?? merged.foreground
      merged.bold = merged.bold || style.bold
      merged.dim = merged.dim || style.dim
      merged.italic = merged.italic || style.italic
      merged.underline = merged.underline || style.underline
      merged.inverse = merged.inverse || style.inverse
      merged.strikethrough = merged.strikethrough || style.strikethrough
      return Span(span.text, style: merged)
    })
  }

  /// The first `width` columns; if it had to cut, the last column becomes "…".
  public func truncated(to width: Int) -> StyledText {
    guard displayWidth > width else { return self }
    guard width > 0 else { return StyledText() }
    var result = StyledText()
    var remaining = width - 1
    outer: for span in spans {
      var kept = ""
      for character in span.text {
        let columns = DisplayWidth.of(character)
        if columns > remaining { result.append(kept, style: span.style); break outer }
        kept.append(character)
        remaining -= columns
      }
      result.append(kept, style: span.style)
    }
    result.append("…", style: spans.last?.style ?? .plain)
    return result
  }

  /// The text padded with spaces to `width` columns (never cut).
  public func padded(to width: Int) -> StyledText {
    let missing = width - displayWidth
    guard missing > 0 else { return self }
    var result = self
    result.append(String(repeating: " ", count: missing))
    return result
  }

  /// The text for a terminal: with ANSI styles when `color` is true, plain otherwise.
  public func rendered(color: Bool) -> String {
    guard color else { return plainText }
    var output = ""
    for span in spans {
      let prefix = span.style.ansiPrefix
      if prefix.isEmpty {
        output += span.text
      } else {
        output += prefix + span.text + TextStyle.ansiReset
      }
    }
    return output
  }
}
