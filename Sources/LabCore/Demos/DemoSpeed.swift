/// The time scale of a demo run: `10` runs ten times faster, while every reported time stays in
/// nominal seconds. Always within 0.1–100, so a clock built on it never divides by zero or by
/// infinity.
///
/// A speed enters from `--speed`, the walkthrough's `speed` command or `progress.json`; each
/// parses it here, once, and gets the same range and the same sentence when it is out of range:
///
/// ```swift
/// let speed = try DemoSpeed(parsing: "2×")   // 2
/// try DemoSpeed(parsing: "0")                 // Speed must be a number from 0.1 to 100, got '0'.
/// ```
public struct DemoSpeed: Sendable, Hashable, CustomStringConvertible {
  /// The speeds a demo can run at.
  public static let range: ClosedRange<Double> = 0.1...100
  /// Real time.
  public static let normal = DemoSpeed(checked: 1)
  /// The help line of `--speed`.
  public static let help = "Time scale: 10 runs ten times faster; reported times stay in nominal seconds (0.1–100)."

  /// The factor, within `range`.
  public let value: Double

  private init(checked value: Double) {
    self.value = value
  }

  /// `value` as a speed, or an error when it is not a finite number within 0.1–100.
  public init(_ value: Double) throws(DemoSpeedError) {
    guard value.isFinite, Self.range.contains(value) else {
      throw DemoSpeedError(text: DemoParameter.format(value))
    }
    self.init(checked: value)
  }

  /// Reads a speed as people write it: "2", "0.5", "2x", "2×", with spaces around.
  public init(parsing text: String) throws(DemoSpeedError) {
    var number = Substring(text.trimmingWhitespace())
    if number.hasSuffix("x") || number.hasSuffix("X") || number.hasSuffix("×") { number = number.dropLast() }
    guard let value = Double(number.trimmingWhitespace()), value.isFinite, Self.range.contains(value) else {
      throw DemoSpeedError(text: text)
    }
    self.init(checked: value)
  }

  /// "2", "0.5": the factor as a person writes it (the `×` is the caller's).
  public var description: String { DemoParameter.format(value) }
}

/// A speed that is not a number from 0.1 to 100.
public struct DemoSpeedError: Error, Equatable, CustomStringConvertible {
  /// What was given, as it was written.
  public let text: String

  public init(text: String) {
    self.text = text
  }

  /// What a valid speed is, as the end of a sentence.
  public static let expectation = "expected a number from 0.1 to 100, such as 2 or 0.5"

  public var description: String { "Speed must be a number from 0.1 to 100, got '\(text)'." }
}
