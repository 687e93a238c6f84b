#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lesson header written the way the course writes them, read without Yams: Yams took a fifth
/// of `list`'s and the walkthrough's start-up to compose twenty headers of a few lines each.
///
/// It reads only a narrow form and hands anything else back (nil), so Yams reads it and every
/// problem is reported exactly where and as it was: top-level `key: value` lines and a `params:`
/// line followed by entries indented two spaces; a value is a double-quoted string without
/// escapes, or a plain word of letters, digits and `_.,-`. Comments, other quoting, other
/// indentation, flow collections, repeated or unknown keys, missing required keys and any value
/// that would be a problem (an empty title, a number as an id, an out-of-range part) all go to
/// Yams. `LessonLoaderTests` keep both readings equal for every lesson and for variants of them.
///
/// ```
/// id: results-order
/// title: "Results come back in argument order"
/// section: "Results Order is Preserved"
/// demo: ordering
/// params:
///   delays: "3,1,2"
/// ```
enum PlainFrontMatter {
  /// The header in `yaml` (whose first line is file line `firstLine`), or nil when it is not in
  /// the plain form or has a problem: Yams reads those.
  static func read(_ yaml: String, firstLine: Int) -> FrontMatter? {
    var yaml = yaml
    return yaml.withUTF8 { read($0, firstLine: firstLine) }
  }

  /// A value as written after `key: `.
  private enum Value {
    case quoted(String)
    case plain(String)
  }

  private static func read(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int) -> FrontMatter? {
    let (newline, space) = (UInt8(ascii: "\n"), UInt8(ascii: " "))
    var frontMatter = FrontMatter()
    // After `params:`: nil outside it, else whether an entry has followed (an empty `params:`
    // is YAML's null, left to Yams).
    var paramsHaveEntries: Bool?
    var lineNumber = 0
    var start = 0
    while start < bytes.count {
      lineNumber += 1
      let end = bytes.baseAddress.flatMap { base in
        memchr(base + start, Int32(newline), bytes.count - start).map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
      } ?? bytes.count
      defer { start = end + 1 }
      guard end > start else { continue }
      let fileLine = lineNumber + firstLine - 1
      if bytes[start] == space {
        // A parameter: exactly two spaces in, under `params:`.
        guard paramsHaveEntries != nil, end - start > 2, bytes[start + 1] == space, bytes[start + 2] != space,
          let (name, value) = entry(bytes, from: start + 2, to: end), let value,
          frontMatter.lines["params." + name] == nil
        else { return nil }
        frontMatter.lines["params." + name] = fileLine
        switch value {
        case .quoted(let text): frontMatter.params.append(LessonParameter(name: name, value: text))
        case .plain(let word):
          frontMatter.params.append(LessonParameter(name: name, value: FrontMatter.kind(ofPlain: word) == .null ? "" : word))
        }
        paramsHaveEntries = true
        continue
      }
      guard paramsHaveEntries != false else { return nil }
      paramsHaveEntries = nil
      guard let (key, value) = entry(bytes, from: start, to: end), frontMatter.lines[key] == nil else { return nil }
      frontMatter.lines[key] = fileLine
      switch (key, value) {
      case ("id", let value?), ("title", let value?), ("section", let value?), ("demo", let value?):
        switch value {
        case .quoted(let text):
          let trimmed = text.trimmingWhitespace()
          guard !trimmed.isEmpty else { return nil }
          frontMatter.text[key] = trimmed
        case .plain(let word):
          guard FrontMatter.kind(ofPlain: word) == .text else { return nil }
          frontMatter.text[key] = word
        }
      case ("part", .plain(let word)?):
        guard FrontMatter.kind(ofPlain: word) == .number, let part = Int(word), FrontMatter.parts.contains(part) else {
          return nil
        }
        frontMatter.part = part
      case ("params", nil):
        paramsHaveEntries = false
      default:
        return nil
      }
    }
    guard paramsHaveEntries != false, FrontMatter.requiredKeys.allSatisfy({ frontMatter.lines[$0] != nil }) else {
      return nil
    }
    return frontMatter
  }

  /// `key: value` or `key:` over the whole of `from..<to`; nil when it is anything else.
  private static func entry(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> (String, Value?)? {
    var index = from
    guard index < end, isLetter(bytes[index]) else { return nil }
    while index < end, isKeyByte(bytes[index]) { index += 1 }
    guard index < end, bytes[index] == UInt8(ascii: ":") else { return nil }
    let key = text(bytes, from, index)
    index += 1
    if index == end { return (key, nil) }
    guard bytes[index] == UInt8(ascii: " "), index + 1 < end else { return nil }
    index += 1
    if bytes[index] == UInt8(ascii: "\"") {
      // A double-quoted string on one line, nothing after it, with no escapes.
      guard end - index >= 2, bytes[end - 1] == UInt8(ascii: "\"") else { return nil }
      let quoted = text(bytes, index + 1, end - 1)
      guard quoted.unicodeScalars.allSatisfy(isQuotable) else { return nil }
      return (key, .quoted(quoted))
    }
    guard isLetterOrDigit(bytes[index]), bytes[index..<end].allSatisfy(isPlainByte) else { return nil }
    return (key, .plain(text(bytes, index, end)))
  }

  private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
  }

  private static func isLetter(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
  }

  private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
    isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
  }

  private static func isKeyByte(_ byte: UInt8) -> Bool {
    isLetterOrDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  private static func isPlainByte(_ byte: UInt8) -> Bool {
    isKeyByte(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",")
  }

  /// What a one-line double-quoted YAML string holds as itself: printable (YAML 1.1, as
  /// libyaml reads it), not a line break (NEL, LS, PS), not a quote or an escape.
  private static func isQuotable(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x22, 0x5C: false
    case 0x20...0x7E: true
    case 0xA0...0xD7FF: scalar.value != 0x2028 && scalar.value != 0x2029
    case 0xE000...0xFFFD: scalar.value != 0xFEFF
    case 0x10000...0x10FFFF: true
    default: false
    }
  }
}
