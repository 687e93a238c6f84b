/// Seconds as the timelines print them: "1.00s", "12.35s", without Foundation's formatters.
public enum SecondsFormat {
  /// `seconds` rounded to `decimals` places, e.g. `fixed(1.005, decimals: 2)` → "1.01".
  public static func fixed(_ seconds: Double, decimals: Int = 2) -> String {
    guard seconds.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(seconds) * scale).rounded()
    let whole = Int(scaled / scale)
    let fraction = Int(scaled) - whole * Int(scale)
    let sign = seconds < 0 && scaled > 0 ? "-" : ""
    guard decimals > 0 else { return sign + String(whole) }
    let digits = String(fraction)
    return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
  }

  /// "1.00s".
  public static func seconds(_ seconds: Double, decimals: Int = 2) -> String {
    fixed(seconds, decimals: decimals) + "s"
  }

  /// A speed-up: "3.0×".
  public static func ratio(_ value: Double) -> String {
    fixed(value, decimals: 1) + "×"
  }

  /// A tick label: "0s", "1.5s", "10s".
  public static func tick(_ seconds: Double) -> String {
    let rounded = (seconds * 100).rounded() / 100
    if rounded == rounded.rounded() { return "\(Int(rounded))s" }
    var text = fixed(rounded, decimals: 2)
    while text.hasSuffix("0") { text.removeLast() }
    return text + "s"
  }
}
