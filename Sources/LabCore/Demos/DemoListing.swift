import LabTerminal

/// The demos with their parameters, as `list` and the walkthrough's `demos` print them.
public enum DemoListing {
  /// Each demo, its one-line summary, then its parameters with default, range and help.
  public static func lines(_ registry: DemoRegistry, width: Int) -> [StyledText] {
    var lines: [StyledText] = []
    let idWidth = (registry.ids.map(\.count).max() ?? 0) + 2
    for demo in registry.demos {
      let summary = TextWrapper.wrap(demo.summary, width: max(20, width - 2 - idWidth))
      lines.append(StyledText("  ") + StyledText(demo.id.padding(to: idWidth), style: .bold) + StyledText(summary[0]))
      for part in summary.dropFirst() {
        lines.append(StyledText(String(repeating: " ", count: 2 + idWidth) + part))
      }
      for parameter in demo.parameters {
        let text = "\(parameter.name)=\(parameter.defaultValue)  \(parameter.help) (\(parameter.range))"
        for (offset, part) in TextWrapper.wrap(text, width: max(20, width - 4 - idWidth), indent: 2).enumerated() {
          let indent = String(repeating: " ", count: 4 + idWidth - 2)
          lines.append(StyledText(indent) + StyledText(part, style: offset == 0 ? .color(.cyan) : .dim))
        }
      }
    }
    return lines
  }

  /// `[{"id","summary","params":[{"name","default","range","help"}]}]`.
  public static func json(_ registry: DemoRegistry) -> JSONValue {
    .array(registry.demos.map { demo in
      .object([
        ("id", .string(demo.id)),
        ("summary", .string(demo.summary)),
        ("params", .array(demo.parameters.map { parameter in
          .object([
            ("name", .string(parameter.name)),
            ("default", .string(parameter.defaultValue)),
            ("range", .string(parameter.range)),
            ("help", .string(parameter.help)),
          ])
        })),
      ])
    })
  }
}
