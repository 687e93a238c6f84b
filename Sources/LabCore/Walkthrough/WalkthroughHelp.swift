import LabTerminal

/// `help` at the walkthrough prompt: one line per command, from the command table, fitted to the
/// screen's width.
enum WalkthroughHelp {
  /// The help text at `width` columns.
  static func lines(width: Int) -> [StyledText] {
    let names = WalkthroughCommand.Name.allCases
    let forms = names.map { name in
      name.words.joined(separator: ", ") + (name.entry.arguments.form.isEmpty ? "" : " " + name.entry.arguments.form)
    }
    let formWidth = min((forms.map(\.count).max() ?? 0) + 2, 30)
    var lines = [StyledText("Commands", style: .bold)]
    for (entry, form) in zip(names.map(\.entry), forms) {
      let padded = form.count < formWidth ? form + String(repeating: " ", count: formWidth - form.count) : form + "  "
      for (offset, part) in TextWrapper.wrap(entry.help, width: max(20, width - 3 - formWidth)).enumerated() {
        lines.append(
          offset == 0 ? StyledText("  ") + StyledText(padded, style: .color(.cyan)) + StyledText(part)
            : StyledText(String(repeating: " ", count: 2 + formWidth) + part)
        )
      }
    }
    let tip = "An empty line reads on. Tab completes commands, lesson ids, demos and parameters. Ctrl-C stops a run."
    lines += TextWrapper.wrap(tip, width: width - 1).map { StyledText($0, style: .dim) }
    return lines
  }
}
