import LabTerminal

extension FirstCompletedDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("first-completed.done", when: { $0.outcome == .returned && !$0.finished.isEmpty }) { report in
      let done = report.finished.filter { ($0.endedAt ?? .infinity) <= report.elapsed + report.sameMoment }
      return "wait returned at \(seconds(report.elapsed)), as soon as \(done.labels()) \(was(done.count)) done."
    },
    SummarySentence("first-completed.cancelled", when: { report in
      report.outcome == .returned && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { ($0.endedAt ?? 0) >= report.elapsed }
    }) { report in
      "\(report.cancelled.labels()) \(was(report.cancelled.count)) still running when wait returned; "
        + "wait cancels nothing, so the code cancelled \(report.cancelled.count == 1 ? "it" : "them")."
    },
  ]
}
