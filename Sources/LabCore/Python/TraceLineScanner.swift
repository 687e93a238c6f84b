import Foundation

/// Reads the tracer's lines fast. A program gathering 10 000 tasks makes some 30 000 lines, and
/// `JSONDecoder` spent about 30 µs on each (most of it in `Codable`'s keyed containers), more
/// than the program itself took; the tracer writes flat objects whose values are numbers,
/// strings, `null`, booleans or arrays of numbers, which one pass over the bytes reads.
///
/// Anything else (a nested object, a value of the wrong type, a malformed escape) goes to
/// `JSONDecoder`, so a line reads exactly as `TraceLine.parse` would read it.
///
/// ```swift
/// TraceLineScanner.line(ArraySlice(#"{"type":"event","t":0.5,"id":1,"event":"started"}"#.utf8))?.id  // 1
/// ```
enum TraceLineScanner {
  /// The line in `bytes` (without its newline); nil when it is not one of the tracer's.
  static func line(_ bytes: ArraySlice<UInt8>) -> TraceLine? {
    // Filled in place and moved out (`consume`): a TraceLine is some 300 bytes, and returned
    // otherwise it was copied, each of its fields retained, and the original released.
    var line = TraceLine(type: "")
    if bytes.withUnsafeBufferPointer({ scan($0, into: &line) }) { return consume line }
    return try? JSONDecoder().decode(TraceLine.self, from: Data(bytes))
  }

  /// The keys TraceLine reads; `other` for any other key.
  private enum Key {
    case type, t, id, parent, gather, group, task, event, value, error, label, outcome, text, runtime, clock, on, why, tasks, orphans, coroutines
    case other

    /// Matched on a key's bytes (a key without escapes): no String made per key.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>.SubSequence) -> Key {
      func equals(_ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        var offset = 0
        for byte in bytes {
          guard byte == word.utf8Start[offset] else { return false }
          offset += 1
        }
        return true
      }
      switch bytes.count {
      case 1: return equals("t") ? .t : .other
      case 2: return equals("id") ? .id : equals("on") ? .on : .other
      case 3: return equals("why") ? .why : .other
      case 4: return equals("type") ? .type : equals("task") ? .task : equals("text") ? .text : .other
      case 5:
        return equals("event") ? .event : equals("value") ? .value : equals("error") ? .error : equals("label") ? .label
          : equals("group") ? .group : equals("clock") ? .clock : equals("tasks") ? .tasks : .other
      case 6: return equals("parent") ? .parent : equals("gather") ? .gather : .other
      case 7: return equals("outcome") ? .outcome : equals("runtime") ? .runtime : equals("orphans") ? .orphans : .other
      case 10: return equals("coroutines") ? .coroutines : .other
      default: return .other
      }
    }

    /// A key with escapes, once undone.
    static func of(_ text: String) -> Key {
      var text = text
      return text.withUTF8 { of($0[...]) }
    }
  }

  private enum Value {
    case number(UnsafeBufferPointer<UInt8>.SubSequence)
    case string(String)
    case null
    case other
    case numbers([Int])
    case strings([String])
  }

  /// One pass over a flat object into `line` (a fresh one); false for anything it does not read
  /// (the caller falls back).
  private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into line: inout TraceLine) -> Bool {
    var reader = Reader(bytes: bytes)
    var hasType = false
    reader.skipSpace()
    guard reader.take(UInt8(ascii: "{")) else { return false }
    reader.skipSpace()
    if reader.take(UInt8(ascii: "}")) { return false }
    while true {
      reader.skipSpace()
      guard let key = reader.key() else { return false }
      reader.skipSpace()
      guard reader.take(UInt8(ascii: ":")) else { return false }
      reader.skipSpace()
      guard let value = reader.value() else { return false }
      switch key {
      case .type: guard case .string(let text) = value else { return false }; line.type = text; hasType = true
      case .t: guard reader.double(value, into: &line.t) else { return false }
      case .id: guard reader.integer(value, into: &line.id) else { return false }
      case .parent: guard reader.integer(value, into: &line.parent) else { return false }
      case .gather: guard reader.integer(value, into: &line.gather) else { return false }
      case .group: guard reader.integer(value, into: &line.group) else { return false }
      case .task: guard reader.string(value, into: &line.task) else { return false }
      case .event: guard reader.string(value, into: &line.event) else { return false }
      case .value: guard reader.string(value, into: &line.value) else { return false }
      case .error: guard reader.string(value, into: &line.error) else { return false }
      case .label: guard reader.string(value, into: &line.label) else { return false }
      case .outcome: guard reader.string(value, into: &line.outcome) else { return false }
      case .text: guard reader.string(value, into: &line.text) else { return false }
      case .runtime: guard reader.string(value, into: &line.runtime) else { return false }
      case .clock: guard reader.string(value, into: &line.clock) else { return false }
      case .on: guard reader.string(value, into: &line.on) else { return false }
      case .why: guard reader.string(value, into: &line.why) else { return false }
      case .tasks:
        switch value {
        case .numbers(let numbers): line.tasks = numbers
        case .null: line.tasks = nil
        default: return false
        }
      case .orphans:
        switch value {
        case .numbers(let numbers): line.orphans = numbers
        case .null: line.orphans = nil
        default: return false
        }
      case .coroutines:
        switch value {
        case .strings(let texts): line.coroutines = texts
        case .numbers(let numbers) where numbers.isEmpty: line.coroutines = []
        case .null: line.coroutines = nil
        default: return false
        }
      case .other: break  // a key TraceLine does not read ("detail", …)
      }
      reader.skipSpace()
      if reader.take(UInt8(ascii: ",")) { continue }
      guard reader.take(UInt8(ascii: "}")) else { return false }
      reader.skipSpace()
      return reader.atEnd && hasType
    }
  }

  private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func skipSpace() {
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0D || bytes[index] == 0x0A {
        index += 1
      }
    }

    mutating func take(_ byte: UInt8) -> Bool {
      guard index < bytes.count, bytes[index] == byte else { return false }
      index += 1
      return true
    }

    mutating func value() -> Value? {
      guard index < bytes.count else { return nil }
      switch bytes[index] {
      case UInt8(ascii: "\""): return string().map { .string($0) }
      case UInt8(ascii: "n"): return literal("null") ? .null : nil
      case UInt8(ascii: "t"): return literal("true") ? .other : nil
      case UInt8(ascii: "f"): return literal("false") ? .other : nil
      case UInt8(ascii: "["):
        let start = index
        if let numbers = numbers() { return .numbers(numbers) }
        index = start
        return strings().map { .strings($0) }
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number().map { .number($0) }
      default: return nil
      }
    }

    mutating func literal(_ word: StaticString) -> Bool {
      let count = word.utf8CodeUnitCount
      guard bytes.count - index >= count else { return false }
      for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
      index += count
      return true
    }

    /// A JSON number's bytes, checked for JSON's grammar.
    mutating func number() -> UnsafeBufferPointer<UInt8>.SubSequence? {
      let start = index
      _ = take(UInt8(ascii: "-"))
      guard digits() > 0 else { return nil }
      if take(UInt8(ascii: ".")) { guard digits() > 0 else { return nil } }
      if take(UInt8(ascii: "e")) || take(UInt8(ascii: "E")) {
        if !take(UInt8(ascii: "+")) { _ = take(UInt8(ascii: "-")) }
        guard digits() > 0 else { return nil }
      }
      return bytes[start..<index]
    }

    private mutating func digits() -> Int {
      let start = index
      while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
      return index - start
    }

    /// An array of whole numbers (a join's `orphans`, a gather's `tasks`).
    mutating func numbers() -> [Int]? {
      guard take(UInt8(ascii: "[")) else { return nil }
      var numbers: [Int] = []
      skipSpace()
      if take(UInt8(ascii: "]")) { return numbers }
      while true {
        skipSpace()
        guard let span = number(), let number = Self.integer(span) else { return nil }
        numbers.append(number)
        skipSpace()
        if take(UInt8(ascii: ",")) { continue }
        return take(UInt8(ascii: "]")) ? numbers : nil
      }
    }

    /// An array of strings (a chain line's `coroutines`).
    mutating func strings() -> [String]? {
      guard take(UInt8(ascii: "[")) else { return nil }
      var texts: [String] = []
      skipSpace()
      if take(UInt8(ascii: "]")) { return texts }
      while true {
        skipSpace()
        guard let text = string() else { return nil }
        texts.append(text)
        skipSpace()
        if take(UInt8(ascii: ",")) { continue }
        return take(UInt8(ascii: "]")) ? texts : nil
      }
    }

    /// An object's key: matched on its bytes when it has no escape (every key the tracer writes).
    mutating func key() -> Key? {
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
      var end = index + 1
      while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 {
        end += 1
      }
      if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
        let key = Key.of(bytes[(index + 1)..<end])
        index = end + 1
        return key
      }
      return string().map { Key.of($0) }
    }

    /// A string, its escapes undone; nil for a control character or a malformed escape.
    mutating func string() -> String? {
      guard take(UInt8(ascii: "\"")) else { return nil }
      let start = index
      while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"), bytes[index] >= 0x20 {
        index += 1
      }
      guard index < bytes.count else { return nil }
      if bytes[index] == UInt8(ascii: "\"") {
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        index += 1
        return text
      }
      guard bytes[index] == UInt8(ascii: "\\") else { return nil }
      var scalars = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self).unicodeScalars
      var plain = index
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          scalars.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[plain..<index]), as: UTF8.self).unicodeScalars)
          index += 1
          if byte == UInt8(ascii: "\"") { return String(scalars) }
          guard let scalar = escape() else { return nil }
          scalars.append(scalar)
          plain = index
        } else if byte < 0x20 {
          return nil
        } else {
          index += 1
        }
      }
      return nil
    }

    /// The character of the escape after a backslash.
    private mutating func escape() -> Unicode.Scalar? {
      guard index < bytes.count else { return nil }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""): return "\""
      case UInt8(ascii: "\\"): return "\\"
      case UInt8(ascii: "/"): return "/"
      case UInt8(ascii: "b"): return "\u{08}"
      case UInt8(ascii: "f"): return "\u{0C}"
      case UInt8(ascii: "n"): return "\n"
      case UInt8(ascii: "r"): return "\r"
      case UInt8(ascii: "t"): return "\t"
      case UInt8(ascii: "u"):
        guard let high = hex() else { return nil }
        guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) }
        guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex(), (0xDC00...0xDFFF).contains(low) else { return nil }
        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
      default: return nil
      }
    }

    private mutating func hex() -> UInt32? {
      guard bytes.count - index >= 4 else { return nil }
      var value: UInt32 = 0
      for _ in 0..<4 {
        let byte = bytes[index]
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
        default: return nil
        }
        value = value << 4 | UInt32(digit)
        index += 1
      }
      return value
    }

    /// A whole number's value; nil for a fraction or an exponent (or one too large for Int).
    static func integer(_ span: UnsafeBufferPointer<UInt8>.SubSequence) -> Int? {
      var digits = span[...]
      let negative = digits.first == UInt8(ascii: "-")
      if negative { digits = digits.dropFirst() }
      guard !digits.isEmpty, digits.count <= 18 else {
        return Int(String(decoding: UnsafeBufferPointer(rebasing: span), as: UTF8.self))
      }
      var value = 0
      for byte in digits {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value &* 10 &+ Int(byte &- UInt8(ascii: "0"))
      }
      return negative ? -value : value
    }

    /// Powers of ten a Double holds exactly.
    private static let exactPowers: [Double] = (0...22).map { (0..<$0).reduce(1.0) { product, _ in product * 10 } }

    /// A number's value as `Double(String)` reads it. Digits[.digits] with at most 15 significant
    /// digits are read as a whole number over a power of ten: both exact, and IEEE division rounds
    /// once, to the nearest, as strtod does. Anything else goes to `Double(String)`.
    static func decimal(_ span: UnsafeBufferPointer<UInt8>.SubSequence) -> Double? {
      var whole = 0
      var count = 0
      var fraction = -1  // digits after the point; -1 before it
      var negative = false
      for byte in span {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
          whole = whole &* 10 &+ Int(byte &- UInt8(ascii: "0"))
          count += 1
          if fraction >= 0 { fraction += 1 }
        case UInt8(ascii: "."): fraction = 0
        case UInt8(ascii: "-") where count == 0: negative = true
        default: count = 99  // an exponent: the slow way
        }
      }
      guard count <= 15, fraction <= 22 else {
        return Double(String(decoding: UnsafeBufferPointer(rebasing: span), as: UTF8.self))
      }
      let value = fraction > 0 ? Double(whole) / exactPowers[fraction] : Double(whole)
      return negative ? -value : value
    }

    func double(_ value: Value, into field: inout Double?) -> Bool {
      switch value {
      case .null: field = nil
      case .number(let span):
        guard let number = Self.decimal(span) else { return false }
        field = number
      default: return false
      }
      return true
    }

    func integer(_ value: Value, into field: inout Int?) -> Bool {
      switch value {
      case .null: field = nil
      case .number(let span):
        guard let number = Self.integer(span) else { return false }
        field = number
      default: return false
      }
      return true
    }

    func string(_ value: Value, into field: inout String?) -> Bool {
      switch value {
      case .null: field = nil
      case .string(let text): field = text
      default: return false
      }
      return true
    }
  }
}
