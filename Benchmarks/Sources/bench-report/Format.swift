/// Number formats of the table: thin groups of thousands, a few significant places.
enum Format {
  /// A table: the first column left-aligned, the others right-aligned, each as wide as its widest cell.
  static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
    return all.map { cells in
      var line = "   "
      for (column, cell) in cells.enumerated() {
        line += column == 0 ? cell.padding(widths[0]) : "   " + cell.leftPadding(widths[column])
      }
      return line.trailingSpacesRemoved
    }
  }

  static func pair(_ summary: Summary?, _ format: (Double) -> String) -> String {
    guard let summary else { return "–" }
    return format(summary.min) + " / " + format(summary.median)
  }

  static func count(_ value: Int) -> String {
    let digits = String(value.magnitude)
    var grouped = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { grouped += " " }
      grouped.append(digit)
    }
    return (value < 0 ? "-" : "") + grouped
  }

  static func nanoseconds(_ value: Double) -> String { count(Int(value.rounded())) }
  static func ratio(_ value: Double) -> String { fixed(value, places: 2) }
  static func megabytes(_ value: Double) -> String { fixed(value, places: value.magnitude < 9.995 ? 2 : 1) }
  static func milliseconds(_ value: Double) -> String { fixed(value, places: value.magnitude < 9.995 ? 2 : 1) }
  static func percent(_ value: Double) -> String { fixed(value, places: 2) }
  static func seconds(_ value: Double) -> String { fixed(value, places: value == value.rounded() ? 0 : 2) + " s" }

  static func bytes(_ value: Double) -> String {
    value.magnitude >= 1024 ? fixed(value / 1024, places: 1) + " KiB" : "\(Int(value.rounded())) B"
  }

  static func fixed(_ value: Double, places: Int) -> String {
    guard value.isFinite else { return "–" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let scaled = Int((value.magnitude * scale).rounded())
    let whole = scaled / Int(scale)
    let fraction = scaled % Int(scale)
    var text = count(whole)
    if places > 0 {
      let digits = String(fraction)
      text += "." + String(repeating: "0", count: places - digits.count) + digits
    }
    return (value < 0 && scaled != 0 ? "-" : "") + text
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }

  func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }

  func leftPadding(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
