/// How a run of text looks: a foreground color and attributes, rendered as ANSI SGR codes.
///
/// Styles are semantic at the call site (`.running`, `.heading`), so color choices live here.
public struct TextStyle: Sendable, Hashable {
  /// The eight basic ANSI colors, which every terminal and every theme maps to something legible.
  public enum Color: Int, Sendable, Hashable {
    case black = 30, red, green, yellow, blue, magenta, cyan, white
  }

  public var foreground: Color?
  public var bold = false
  public var dim = false
  public var italic = false
  public var underline = false
  public var inverse = false
  public var strikethrough = false

  public init(
    foreground: Color? = nil,
    bold: Bool = false,
    dim: Bool = false,
    italic: Bool = false,
    underline: Bool = false,
    inverse: Bool = false,
    strikethrough: Bool = false
  ) {
    self.foreground = foreground
    self.bold = bold
    self.dim = dim
    self.italic = italic
    self.underline = underline
    self.inverse = inverse
    self.strikethrough = strikethrough
  }

  public static let plain = TextStyle()

  /// The SGR parameters for this style, empty for plain text.
  public var sgrParameters: [Int] {
    var codes: [Int] = []
    if bold { codes.append(1) }
    if dim { codes.append(2) }
    if italic { codes.append(3) }
    if underline { codes.append(4) }
    if inverse { codes.append(7) }
    if strikethrough { codes.append(9) }
    if let foreground { codes.append(foreground.rawValue) }
    return codes
  }

  /// The escape sequence that switches to this style, or "" for plain text.
  public var ansiPrefix: String {
    let codes = sgrParameters
    return codes.isEmpty ? "" : "\u{1B}[" + codes.map(String.init).joined(separator: ";") + "m"
  }

  /// The escape sequence that resets every attribute.
  public static let ansiReset = "\u{1B}[0m"
}

extension TextStyle {
  public static func color(_ color: Color) -> TextStyle { TextStyle(foreground: color) }
  public static let bold = TextStyle(bold: true)
  public static let dim = TextStyle(dim: true)
  public static let italic = TextStyle(italic: true)
  public static let underline = TextStyle(underline: true)
  public static let strikethrough = TextStyle(strikethrough: true)
}
