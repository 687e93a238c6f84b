import LabTerminal

/// The plain text of a demo run: one line per event (what a pipe or a log gets) and the summary
/// every run ends with. Pure formatting; nothing here writes.
public enum DemoTranscript {
  /// "ordering · delays=3,1,2".
  public static func title(demo: String, parameters: DemoParameters) -> String {
    ([demo] + parameters.values.map { "\($0.name)=\($0.value.text)" }).joined(separator: " · ")
  }

  /// The width of the task column for `plan`: its widest `[index] name`.
  public static func labelWidth(_ plan: DemoPlan) -> Int {
    var width = 1
    var counts: [String: Int] = [:]
    for task in plan.tasks {
      let index = counts[task.phase ?? "", default: 0]
      counts[task.phase ?? ""] = index + 1
      width = max(width, DisplayWidth.of("[\(index)] \(task.name)"))
    }
    return width
  }

  /// One entry as a plain line: ` 1.00s  [1] B  finished 1st  "B"`; nil for a deadline, which
  /// the plain transcript shows only when it passes (the caller's join says so).
  public static func line(_ entry: DemoLogEntry, nameWidth: Int) -> String? {
    switch entry {
    case .phase(let name, let number, _):
      return "phase \(number): \(name)"
    case .event(let event):
      let label = event.index.map { "[\($0)] \(event.task)" } ?? event.task
      var line = time(event.time) + "  " + label.padding(to: nameWidth) + "  " + event.kind.rawValue
      if let rank = event.rank, event.kind == .finished || event.kind == .failed {
        line += " " + DemoReport.TaskResult.ordinal(rank)
      }
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

  /// The summary: outcome, elapsed against ideal, the sequential time and speedup, what the
  /// caller received, each task's fate, orphans, then the sentences that hold for this run.
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
    add("received", received(report))
    for (key, tasks, ranks) in fates(report) where !tasks.isEmpty {
      add(key, fateList(tasks, ranks: ranks))
    }
    if !report.orphans.isEmpty {
      let until = report.orphansSettledAt.map { " until " + SecondsFormat.seconds($0) } ?? ""
      add("orphans", report.orphans.joined(separator: ", ") + " ran on after the caller got the error" + until, style: .color(.cyan))
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

  /// What the caller's `await` gave back: the list it returned, or the exception and no list.
  static func received(_ report: DemoReport) -> String {
    if let received = report.received { return received }
    switch report.outcome {
    case .threw: return "the exception " + (report.error ?? "") + ", and no list of results"
    case .timedOut: return "a timeout (" + (report.error ?? "timed out") + "), and no list of results"
    case .returned, .interrupted: return "nothing: the run was interrupted before the caller resumed"
    }
  }

  /// Each task's fate, grouped: key, tasks, whether to show their finish ranks.
  static func fates(_ report: DemoReport) -> [(String, [DemoReport.TaskResult], Bool)] {
    [
      ("finished", report.finished, true),
      ("failed", report.failed, true),
      ("result lost", report.lost, true),
      ("cancelled", report.cancelled, false),
      ("swallowed", report.swallowed, false),
      ("unfinished", report.unfinished, false),
      ("not created", report.notCreated, false),
    ]
  }

  /// "[0] A 3rd, [1] B 1st"; more than eight tasks as runs of consecutive indices: "[0] A–[19] T".
  static func fateList(_ tasks: [DemoReport.TaskResult], ranks: Bool) -> String {
    guard tasks.count > 8 else { return tasks.labels(ranks: ranks) }
    var runs: [[DemoReport.TaskResult]] = []
    for task in tasks {
      if let last = runs.last?.last, last.index + 1 == task.index {
        runs[runs.count - 1].append(task)
      } else {
        runs.append([task])
      }
    }
    let text = runs.map { run in
      run.count == 1 ? run[0].label : run[0].label + "–" + run[run.count - 1].label
    }.joined(separator: ", ")
    return text + " (\(tasks.count) tasks)"
  }
}

extension String {
  func padding(to width: Int) -> String {
    let missing = width - DisplayWidth.of(self)
    return missing > 0 ? self + String(repeating: " ", count: missing) : self
  }
}
