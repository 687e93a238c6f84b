/// A small writer of SVG (XML) documents: elements with attributes and text, every attribute
/// value and every piece of text escaped. The XML libraries at hand do not escape attribute
/// values, and a task's value or error is whatever the program returned.
///
/// ```swift
/// let text = SVGElement("text", ["x": "10", "class": "value"], text: #"fetch("a&b")"#)
/// text.markup  // <text x="10" class="value">fetch(&quot;a&amp;b&quot;)</text>
/// ```
public struct SVGElement: Sendable, Equatable {
  public var name: String
  /// Attributes in the order given (an SVG reads better with `x`, `y` first).
  public var attributes: [(name: String, value: String)]
  public var children: [SVGNode]

  public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], children: [SVGNode] = []) {
    self.name = name
    self.attributes = attributes.map { ($0.key, $0.value) }
    self.children = children
  }

  public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String) {
    self.init(name, attributes, children: [.text(text)])
  }

  public init(_ name: String, _ attributes: KeyValuePairs<String, String> = [:], _ children: [SVGElement]) {
    self.init(name, attributes, children: children.map(SVGNode.element))
  }

  public static func == (lhs: SVGElement, rhs: SVGElement) -> Bool { lhs.markup == rhs.markup }

  /// The element as XML; children of an element with no text (other than `<text>`, `<tspan>`) go
  /// one per line, indented.
  public var markup: String {
    var output = ""
    write(to: &output, indent: 0)
    return output
  }

  private func write(to output: inout String, indent: Int) {
    output += "<" + name
    for attribute in attributes {
      output += " " + attribute.name + "=\"" + XMLEscaping.escape(attribute.value) + "\""
    }
    guard !children.isEmpty else {
      output += "/>"
      return
    }
    output += ">"
    // Text content is written as it is, with no indentation: inside `<text>` (the spans of a
    // line) the whitespace would be drawn.
    let hasText = name == "text" || name == "tspan" || children.contains { if case .text = $0 { true } else { false } }
    for child in children {
      switch child {
      case .text(let text):
        output += XMLEscaping.escape(text)
      case .element(let element):
        if !hasText { output += "\n" + String(repeating: "  ", count: indent + 1) }
        element.write(to: &output, indent: indent + 1)
      }
    }
    if !hasText { output += "\n" + String(repeating: "  ", count: indent) }
    output += "</" + name + ">"
  }
}

/// What an element holds.
public enum SVGNode: Sendable, Equatable {
  case element(SVGElement)
  case text(String)
}

/// Escaping for XML text and attribute values.
public enum XMLEscaping {
  /// `text` safe in XML text and in a double- or single-quoted attribute: `& < > " '` become
  /// entities, and characters XML 1.0 does not allow (most control characters) become U+FFFD.
  public static func escape(_ text: String) -> String {
    var output = ""
    output.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": output += "&amp;"
      case "<": output += "&lt;"
      case ">": output += "&gt;"
      case "\"": output += "&quot;"
      case "'": output += "&apos;"
      case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
      case _ where scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value):
        output += "\u{FFFD}"
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }
}
