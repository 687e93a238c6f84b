/// How many terminal columns text takes: 0 for combining marks and controls, 2 for wide East
/// Asian characters and emoji, 1 otherwise — the rules `wcwidth` applies, for the ranges that
/// appear in lessons and timelines.
public enum DisplayWidth {
  public static func of(_ text: String) -> Int {
    // ASCII by bytes (controls take none); the rest character by character.
    var columns = 0
    for byte in text.utf8 {
      guard byte < 0x80 else { return text.reduce(0) { $0 + of($1) } }
      if byte >= 0x20, byte != 0x7F { columns += 1 }
    }
    return columns
  }

  /// `text` in at most `width` columns, shortened from the middle so both ends stay: the part
  /// that tells values apart is often the end (`"Data fr…/user/3"`).
  public static func middleShortened(_ text: String, to width: Int) -> String {
    guard of(text) > width else { return text }
    guard width > 1 else { return width == 1 ? "…" : "" }
    let characters = Array(text)
    let tailRoom = (width - 1) / 2
    let headRoom = width - 1 - tailRoom
    var head = "", tail = ""
    var used = 0
    for character in characters {
      let w = of(character)
      if used + w > headRoom { break }
      head.append(character)
      used += w
    }
    used = 0
    for character in characters.reversed() {
      let w = of(character)
      if used + w > tailRoom { break }
      tail.insert(character, at: tail.startIndex)
      used += w
    }
    return head + "…" + tail
  }

  public static func of(_ character: Character) -> Int {
    // ASCII first: nearly every character of a lesson, and the Unicode lookups below are slow.
    if let ascii = character.asciiValue { return ascii < 0x20 || ascii == 0x7F ? 0 : 1 }
    guard let first = character.unicodeScalars.first else { return 0 }
    if character.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    return of(first)
  }

  public static func of(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    if value < 0x80 { return value < 0x20 || value == 0x7F ? 0 : 1 }
    if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if isWide(value) { return 2 }
    return 1
  }

  private static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x1F680...0x1F6FF, 0x20000...0x3FFFD,
      0x2705, 0x274C, 0x2753...0x2755, 0x2757, 0x23F0, 0x23F3, 0x231A, 0x231B, 0x2B50, 0x2B55:
      true
    default:
      false
    }
  }
}
