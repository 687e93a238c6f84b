import LabTerminal

/// The plain text of a demo run: one line per event (what a pipe or a log gets) and the summary
/// every run ends with. Pure formatting; nothing here writes.
public enum DemoTranscript {
  /// "ordering · delays=3,1,2".
  public static func title(demo: String, parameters: DemoParameters) -> String {
    ([demo] + parameters.values.map { "\($0.name)=\($0.value.text)" }).joined(separator: " · ")
  }

  /// One entry as a plain line: ` 1.00s  B  finished  "B"`; nil for a deadline, which the
  /// plain transcript shows only when it passes (the caller's join says so).
  public static func line(_ entry: DemoLogEntry, nameWidth: Int) -> String? {
    switch entry {
    case .phase(let name, let number, _):
      return "phase \(number): \(name)"
    case .event(let event):
      var line = time(event.time) + "  " + event.task.padding(to: nameWidth) + "  " + event.kind.rawValue
      if let value = event.value { line += "  \"\(value)\"" }
      if let error = event.error { line += "  \(error)" }
      if event.isOrphan { line += event.kind == .started ? "" : "  (orphan: nobody reads this result)" }
      return line
    case .join(let join):
      return time(join.time) + "  " + "▲".padding(to: nameWidth) + "  " + join.label
        + (join.detail.isEmpty ? "" : ": " + join.detail)
    case .deadline:
      return nil
    }
  }

  /// " 1.00s", "12.50s".
  static func time(_ seconds: Double) -> String {
    let text = SecondsFormat.seconds(seconds)
    return String(repeating: " ", count: max(0, 6 - text.count)) + text
  }

  /// The summary: outcome, elapsed against ideal, the sequential time and speedup, the results in
  /// argument order, orphans, then what to notice.
  public static func summary(_ report: DemoReport, takeaway: [String], width: Int) -> [StyledText] {
    let width = max(10, min(width, 100) - 1)
    // Keys in a column of their own; on a narrow terminal, each value on the lines under its key.
    let keyWidth = width >= 36 ? 12 : 2
    var lines: [StyledText] = [StyledText("Summary", style: .bold)]
    func add(_ key: String, _ value: String, style: TextStyle = .plain) {
      if keyWidth < key.count + 1 { lines.append(StyledText(key, style: .dim)) }
      let wrapped = TextWrapper.wrap(value, width: width - keyWidth)
      for (offset, part) in wrapped.enumerated() {
        let label = offset == 0 && keyWidth > key.count ? key.padding(to: keyWidth) : String(repeating: " ", count: keyWidth)
        lines.append(StyledText(label, style: .dim) + StyledText(part, style: style))
      }
    }
    add("outcome", outcome(report), style: outcomeStyle(report.outcome))
    if report.phaseTimes.count > 1 {
      for phase in report.phaseTimes.dropLast() {
        add(phase.phase, SecondsFormat.seconds(phase.elapsed))
      }
      let last = report.phaseTimes[report.phaseTimes.count - 1]
      add(last.phase, SecondsFormat.seconds(last.elapsed) + " (ideal " + SecondsFormat.seconds(report.ideal) + ")")
    } else {
      add("elapsed", SecondsFormat.seconds(report.elapsed) + " (ideal " + SecondsFormat.seconds(report.ideal) + ")")
      add("sequential", SecondsFormat.seconds(report.sequential) + " if awaited one by one")
    }
    if let speedup = report.meaningfulSpeedup {
      add("speedup", SecondsFormat.ratio(speedup))
    }
    add("results", results(report))
    if !report.finishOrder.isEmpty {
      add("end order", report.finishOrder.joined(separator: ", "))
    }
    if !report.orphans.isEmpty {
      let until = report.orphansSettledAt.map { " until " + SecondsFormat.seconds($0) } ?? ""
      add("orphans", report.orphans.joined(separator: ", ") + " kept running after the error" + until + "; their results were lost", style: .color(.cyan))
    }
    if !takeaway.isEmpty {
      lines.append(StyledText())
      for sentence in takeaway {
        for part in TextWrapper.wrap(sentence, width: width) {
          lines.append(StyledText(part))
        }
      }
    }
    return lines
  }

  static func outcome(_ report: DemoReport) -> String {
    switch report.outcome {
    case .returned: "returned"
    case .threw: "threw " + (report.error ?? "an error")
    case .timedOut: (report.error ?? "timed out")
    case .interrupted: "interrupted (Ctrl-C)"
    }
  }

  static func outcomeStyle(_ outcome: DemoReport.Outcome) -> TextStyle {
    switch outcome {
    case .returned: TextStyle(foreground: .green, bold: true)
    case .threw, .timedOut: TextStyle(foreground: .red, bold: true)
    case .interrupted: TextStyle(foreground: .yellow, bold: true)
    }
  }

  /// `["A", error(B failed), cancelled, "D" (lost)]`.
  static func results(_ report: DemoReport) -> String {
    let slots = report.results.map { slot -> String in
      switch slot.result {
      case .value(let value, let lost): "\"\(value)\"" + (lost ? " (lost)" : "")
      case .error(let error): "error(\(error))"
      case .cancelled: "\(slot.task) cancelled"
      case .unfinished: "\(slot.task) unfinished"
      }
    }
    return "[" + slots.joined(separator: ", ") + "]"
  }
}

extension String {
  func padding(to width: Int) -> String {
    let missing = width - DisplayWidth.of(self)
    return missing > 0 ? self + String(repeating: " ", count: missing) : self
  }
}
