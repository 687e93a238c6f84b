import LabTerminal

/// The demos with their parameters, as `list` and the walkthrough's `demos` print them.
public enum DemoListing {
  /// Narrower than this, a wrapped summary reads a word or two per line.
  public static let minimumTextWidth = 30

  /// Each demo, its one-line summary, then its parameters with default, range and help, in
  /// columns beside the ids. Where that leaves the text fewer than `minimumTextWidth` columns,
  /// as in a 40-column terminal, the summary and the parameters go under their id instead. The
  /// last column stays free, as in `LessonListing`.
  public static func lines(_ registry: DemoRegistry, width: Int) -> [StyledText] {
    var lines: [StyledText] = []
    let usable = max(1, width - 1)
    let idWidth = (registry.ids.map(\.count).max() ?? 0) + 2
    let beside = usable - 2 - idWidth >= minimumTextWidth
    // Where the summary and the parameters start.
    let column = beside ? 2 + idWidth : min(4, usable / 2)
    let textWidth = max(1, usable - column)
    let margin = String(repeating: " ", count: column)
    for demo in registry.demos {
      let summary = TextWrapper.wrap(demo.summary, width: textWidth)
      let name = StyledText("  ") + StyledText(beside ? demo.id.padding(to: idWidth) : demo.id, style: .bold)
      if beside {
        lines.append(name + StyledText(summary[0]))
      } else {
        lines.append(name.truncated(to: usable))
        lines.append(StyledText(margin + summary[0]))
      }
      for part in summary.dropFirst() {
        lines.append(StyledText(margin + part))
      }
      for parameter in demo.parameters {
        let text = "\(parameter.name)=\(parameter.defaultValue)  \(parameter.help) (\(parameter.range))"
        for (offset, part) in TextWrapper.wrap(text, width: textWidth, indent: 2).enumerated() {
          lines.append(StyledText(margin) + StyledText(part, style: offset == 0 ? .color(.cyan) : .dim))
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
