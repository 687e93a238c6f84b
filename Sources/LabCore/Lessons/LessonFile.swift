/// The raw text of one lesson file, before it is parsed: where it came from and what it says.
public struct LessonFile: Sendable, Equatable {
  /// The file name, `05-results-order.md`.
  public var name: String
  /// How messages name the file: the path as the user gave it (`Lessons/05-results-order.md`),
  /// or the bare name for the lessons built into the binary.
  public var displayPath: String
  public var text: String

  public init(name: String, displayPath: String? = nil, text: String) {
    self.name = name
    self.displayPath = displayPath ?? name
    self.text = text
  }

  /// The lesson number and id the file name promises (`05-results-order.md` → 5,
  /// "results-order"), or nil when the name is not `NN-id.md`.
  public var nameParts: (number: Int, id: String)? {
    guard name.hasSuffix(".md") else { return nil }
    let stem = name.dropLast(3)
    let digits = stem.prefix(while: \.isASCIIDigit)
    guard digits.count >= 2, let number = Int(digits) else { return nil }
    let rest = stem.dropFirst(digits.count)
    guard rest.first == "-", rest.count > 1 else { return nil }
    return (number, String(rest.dropFirst()))
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
