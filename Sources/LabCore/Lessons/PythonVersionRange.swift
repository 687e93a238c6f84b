/// The CPython versions an ```output block is printed by: `3.11` (that minor version only) or
/// `3.12+` (that one and every later one). A program whose output changed between versions
/// states it once per range, and the content test runs it on each CPython 3.11+ the machine has.
///
/// ````
/// ```output 3.11
/// gather() returned
/// A starts
/// ```
/// ```output 3.12+
/// A starts
/// gather() returned
/// ```
/// ````
public struct PythonVersionRange: Sendable, Equatable, CustomStringConvertible {
  /// The first minor version of Python 3 it covers.
  public let minor: Int
  /// Whether every later version is covered too.
  public let andLater: Bool

  /// Reads `3.11` or `3.12+`; nil for anything else.
  public init?(word: String) {
    var text = Substring(word)
    let andLater = text.hasSuffix("+")
    if andLater { text = text.dropLast() }
    guard text.hasPrefix("3."), let minor = Int(text.dropFirst(2)), minor >= 0, minor < 100 else { return nil }
    self.minor = minor
    self.andLater = andLater
  }

  /// Whether Python 3.`minor` prints this output.
  public func contains(minor other: Int) -> Bool {
    andLater ? other >= minor : other == minor
  }

  public var description: String { "3.\(minor)" + (andLater ? "+" : "") }
}
