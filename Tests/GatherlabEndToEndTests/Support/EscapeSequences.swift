/// Removes terminal escape sequences (CSI such as colours and cursor moves, OSC such as window
/// titles, and the other ESC sequences), leaving the text and control characters such as `\r`.
///
/// ```swift
/// #expect(stripANSI("\u{1B}[1;31mfailed\u{1B}[0m\r\n") == "failed\r\n")
/// ```
func stripANSI(_ text: String) -> String {
  let scan = TerminalToken.scan(Array(text.unicodeScalars))
  var result = String.UnicodeScalarView()
  for token in scan.tokens {
    switch token {
    case .printable(let scalar), .control(let scalar):
      result.append(scalar)
    case .controlSequence, .escape, .string:
      break
    }
  }
  return String(result)
}

/// Shows escape sequences and control characters as visible symbols (`␛[2K`, `␍`, `␈`), keeping
/// line breaks, so a failure message shows what the program really sent.
func revealingEscapes(_ text: String) -> String {
  var result = String.UnicodeScalarView()
  let scalars = Array(text.unicodeScalars)
  for (index, scalar) in scalars.enumerated() {
    switch scalar.value {
    case 0x0A:
      result.append(scalar)
    case 0x0D where index + 1 < scalars.count && scalars[index + 1] == "\n":
      break
    case 0x00..<0x20:
      result.append(Unicode.Scalar(0x2400 + scalar.value)!)
    case 0x7F:
      result.append("\u{2421}")
    default:
      result.append(scalar)
    }
  }
  return String(result)
}

/// One unit of what a program writes to a terminal.
enum TerminalToken: Equatable, Sendable {
  /// A character to show (one Unicode scalar; combining marks arrive as their own tokens).
  case printable(Unicode.Scalar)
  /// A C0 or C1 control character: `\r`, `\n`, backspace, tab, bell…
  case control(Unicode.Scalar)
  /// `ESC [` parameters, intermediates, final: cursor moves, erasing, colours, modes.
  case controlSequence(ControlSequence)
  /// `ESC` intermediates final, such as `ESC 7` (save cursor) or `ESC ( B` (character set).
  case escape(intermediates: String, final: Unicode.Scalar)
  /// A string sequence (`ESC ]` OSC, `ESC P` DCS, …) with its text, such as a window title.
  case string(introducer: Unicode.Scalar, body: String)

  /// Splits scalars into tokens. An escape sequence cut off at the end is not a token; `consumed`
  /// tells where it starts, so a caller that reads in chunks can keep it for the next chunk.
  static func scan(_ scalars: [Unicode.Scalar]) -> (tokens: [TerminalToken], consumed: Int) {
    var tokens: [TerminalToken] = []
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let sequence: (token: TerminalToken?, end: Int)?
      switch scalar.value {
      case 0x1B:
        sequence = scanEscape(scalars, from: index + 1)
      case 0x9B:
        sequence = scanControlSequence(scalars, from: index + 1)
      case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
        sequence = scanString(scalars, from: index + 1, introducer: scalar)
      case 0x00..<0x20, 0x7F..<0xA0:
        sequence = (.control(scalar), index + 1)
      default:
        sequence = (.printable(scalar), index + 1)
      }
      guard let (token, end) = sequence else {
        return (tokens, index)
      }
      if let token {
        tokens.append(token)
      }
      index = end
    }
    return (tokens, index)
  }

  /// After `ESC`. Nil when the sequence is cut off; a nil token drops a malformed sequence.
  private static func scanEscape(_ scalars: [Unicode.Scalar], from start: Int) -> (TerminalToken?, Int)? {
    guard start < scalars.count else { return nil }
    let next = scalars[start]
    switch next {
    case "[":
      return scanControlSequence(scalars, from: start + 1)
    case "]", "P", "X", "^", "_":
      return scanString(scalars, from: start + 1, introducer: next)
    default:
      var index = start
      var intermediates = String.UnicodeScalarView()
      while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) {
        intermediates.append(scalars[index])
        index += 1
      }
      guard index < scalars.count else { return nil }
      let final = scalars[index]
      guard (0x30...0x7E).contains(final.value) else {
        // Not a sequence: show the ESC as a control and go on with what followed it.
        return (.control("\u{1B}"), start)
      }
      return (.escape(intermediates: String(intermediates), final: final), index + 1)
    }
  }

  private static func scanControlSequence(_ scalars: [Unicode.Scalar], from start: Int) -> (TerminalToken?, Int)? {
    var index = start
    var parameters = String.UnicodeScalarView()
    var intermediates = String.UnicodeScalarView()
    while index < scalars.count, (0x30...0x3F).contains(scalars[index].value) {
      parameters.append(scalars[index])
      index += 1
    }
    while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) {
      intermediates.append(scalars[index])
      index += 1
    }
    guard index < scalars.count else { return nil }
    let final = scalars[index]
    guard (0x40...0x7E).contains(final.value) else {
      return (nil, index)
    }
    let sequence = ControlSequence(
      parameters: String(parameters),
      intermediates: String(intermediates),
      final: final
    )
    return (.controlSequence(sequence), index + 1)
  }

  /// A string sequence ends with ST (`ESC \` or U+009C), or BEL as xterm allows for OSC.
  private static func scanString(
    _ scalars: [Unicode.Scalar],
    from start: Int,
    introducer: Unicode.Scalar
  ) -> (TerminalToken?, Int)? {
    var index = start
    var body = String.UnicodeScalarView()
    while index < scalars.count {
      let scalar = scalars[index]
      switch scalar.value {
      case 0x07, 0x9C:
        return (.string(introducer: introducer, body: String(body)), index + 1)
      case 0x1B:
        guard index + 1 < scalars.count else { return nil }
        if scalars[index + 1] == "\\" {
          return (.string(introducer: introducer, body: String(body)), index + 2)
        }
        body.append(scalar)
      default:
        body.append(scalar)
      }
      index += 1
    }
    return nil
  }
}

/// A control sequence (`CSI`): `ESC [ ? 25 l` has parameters `?25` and final `l`.
struct ControlSequence: Equatable, Sendable {
  var parameters: String
  var intermediates: String
  var final: Unicode.Scalar

  /// A private sequence starts its parameters with `?`, `<`, `=` or `>` (DEC modes, for one).
  var privateMarker: Character? {
    parameters.first.flatMap { "?<=>".contains($0) ? $0 : nil }
  }

  /// The numeric parameters; an empty or zero one reads as `defaultValue`, as terminals do.
  func numbers(defaultValue: Int) -> [Int] {
    let digits = privateMarker == nil ? Substring(parameters) : parameters.dropFirst()
    return digits.split(separator: ";", omittingEmptySubsequences: false).map { field in
      let number = Int(field.prefix { $0.isASCII && $0.isNumber }) ?? 0
      return number == 0 ? defaultValue : number
    }
  }

  /// The first numeric parameter, or `defaultValue`.
  func number(defaultValue: Int = 1) -> Int {
    numbers(defaultValue: defaultValue).first ?? defaultValue
  }
}
