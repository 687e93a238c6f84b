import LabTerminal

/// A `trace --record` recording's final picture as one standalone SVG, for a slide: the tree as
/// `trace` leaves it on screen at the end (folded to the recorded terminal), then the count of
/// how the tasks ended, as lines of monospaced text, one `<text>` a line. Each run of styled text
/// is a `<tspan>` placed at its column, coloured as on the terminal with `TimelineSVG`'s palette
/// (running, done, failed, cancelled); sizes are chosen to stay legible on a projector.
///
/// ```xml
/// <text y="82"><tspan x="28" font-weight="bold">#1 main()</tspan><tspan x="…" fill="#009E73">✓ </tspan>…</text>
/// ```
///
/// Pure: the same lines always give the same document.
public enum TraceTreeSVG {
  static let margin = 28.0
  static let fontSize = 22.0
  /// A monospaced character's advance, in pixels a pixel of font size (DejaVu Sans Mono, Menlo: 0.602).
  static let characterWidth = 0.6
  static let lineHeight = 32.0

  /// What the picture holds for `trace`: its final tree at the recorded size, a blank line, the account.
  public static func lines(_ trace: TraceRecording, columns: Int, rows: Int) -> [StyledText] {
    trace.frame(at: trace.end, width: columns, height: max(8, rows - 4), isFinal: true)
      + [StyledText()] + trace.account(width: columns)
  }

  public static func document(_ lines: [StyledText], title: String) -> String {
    #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + svg(lines, title: title).markup + "\n"
  }

  public static func svg(_ lines: [StyledText], title: String) -> SVGElement {
    let columns = lines.map(\.displayWidth).max() ?? 0
    let width = (margin * 2 + Double(columns) * fontSize * characterWidth).rounded(.up)
    let height = (margin * 2 + Double(lines.count) * lineHeight).rounded(.up)
    var body: [SVGElement] = [
      SVGElement("title", text: title),
      SVGElement("rect", ["width": "100%", "height": "100%", "fill": "#FFFFFF"]),
    ]
    for (index, line) in lines.enumerated() {
      // The baseline sits a font size below the line's top.
      let y = margin + Double(index) * lineHeight + fontSize
      var spans: [SVGElement] = []
      var column = 0
      for span in line.spans {
        defer { column += DisplayWidth.of(span.text) }
        // Each run at its column, without the spaces around it: a font whose symbols fall back
        // to another keeps the columns.
        let leading = span.text.prefix { $0 == " " }.count
        var text = span.text.dropFirst(leading)
        while text.last == " " { text.removeLast() }
        guard !text.isEmpty else { continue }
        let x = margin + Double(column + leading) * fontSize * characterWidth
        spans.append(tspan(StyledText.Span(String(text), style: span.style), x: x))
      }
      guard !spans.isEmpty else { continue }
      body.append(SVGElement("text", ["y": TimelineSVG.number(y)], spans))
    }
    return SVGElement("svg", [
      "xmlns": "http://www.w3.org/2000/svg",
      "width": TimelineSVG.number(width), "height": TimelineSVG.number(height),
      "viewBox": "0 0 \(TimelineSVG.number(width)) \(TimelineSVG.number(height))",
      "font-family": "DejaVu Sans Mono, Menlo, Consolas, monospace",
      "font-size": TimelineSVG.number(fontSize),
      "fill": TimelineSVG.Palette.ink,
      // Runs of spaces inside a span (the time axis) keep their width.
      "xml:space": "preserve",
      "style": "white-space: pre",
    ], body)
  }

  static func tspan(_ span: StyledText.Span, x: Double) -> SVGElement {
    let style = span.style
    let fill = colour(style)
    let x = TimelineSVG.number(x)
    let weight = style.bold ? "bold" : nil
    let decoration = [style.underline ? "underline" : nil, style.strikethrough ? "line-through" : nil].compactMap { $0 }
    var attributes: [(String, String)] = [("x", x)]
    if let fill { attributes.append(("fill", fill)) }
    if style.dim && style.foreground != nil { attributes.append(("fill-opacity", "0.6")) }
    if let weight { attributes.append(("font-weight", weight)) }
    if style.italic { attributes.append(("font-style", "italic")) }
    if !decoration.isEmpty { attributes.append(("text-decoration", decoration.joined(separator: " "))) }
    var element = SVGElement("tspan", text: span.text)
    element.attributes = attributes.map { (name: $0.0, value: $0.1) }
    return element
  }

  /// A terminal colour as the SVG draws it: the timeline's palette where the meaning is the same
  /// (yellow running, green done, red failed, magenta cancelled), Okabe–Ito blue for what a task
  /// waits on (cyan), the faint ink for dim text; nil for the ink.
  static func colour(_ style: TextStyle) -> String? {
    switch style.foreground {
    case .yellow: TimelineSVG.Palette.running
    case .green: TimelineSVG.Palette.done
    case .red: TimelineSVG.Palette.failed
    case .magenta: TimelineSVG.Palette.cancelled
    case .cyan, .blue: waitsOn
    case .black, .white: nil
    case nil: style.dim ? TimelineSVG.Palette.faint : nil
    }
  }

  /// Okabe–Ito blue: legible on white, apart from the other states' colours.
  static let waitsOn = "#0072B2"
}
