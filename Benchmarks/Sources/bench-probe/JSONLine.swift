/// A one-line JSON object, written by hand so the probe needs no Foundation.
enum JSONLine {
  enum Value {
    case string(String)
    case number(Double)
    case numbers([Double])
  }

  static func object(_ fields: [(String, Value)]) -> String {
    "{" + fields.map { "\"\($0.0)\":" + render($0.1) }.joined(separator: ",") + "}"
  }

  static func render(_ value: Value) -> String {
    switch value {
    case .string(let text): "\"" + text.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : "\($0)" }.joined() + "\""
    case .number(let number): number.isFinite ? "\(number)" : "null"
    case .numbers(let numbers): "[" + numbers.map { render(.number($0)) }.joined(separator: ",") + "]"
    }
  }
}
