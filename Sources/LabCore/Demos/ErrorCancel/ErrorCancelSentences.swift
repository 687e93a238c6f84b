import LabTerminal

extension ErrorCancelDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("error-cancel.cancelled", when: { report in
      report.outcome == .threw && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.failed.first?.endedAt) }
    }) { report in
      let failed = report.failed.first
      return "\(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled as soon as \(failed?.label ?? "A") failed, "
        + "at \(seconds(failed?.endedAt)); the error reached the caller once they had stopped."
    },
    SummarySentence("error-cancel.orphans", when: { $0.outcome == .threw && !$0.orphans.isEmpty }) { report in
      let orphans = report.results.filter(\.isOrphan)
      return "The caller got \(report.failed.first?.task ?? "A")'s error at \(seconds(report.elapsed)), "
        + "but \(orphans.labels()) ran on until \(seconds(report.orphansSettledAt)): nothing cancelled them, "
        + "and nobody will read their results."
    },
    SummarySentence("error-cancel.already-done", when: { report in
      report.outcome == .threw && report.lost.contains { !$0.isOrphan }
    }) { report in
      let done = report.lost.filter { !$0.isOrphan }
      return "\(done.labels(ranks: true)) had already finished when \(report.failed.first?.task ?? "A") failed; "
        + "the caller got only the error, so \(done.count == 1 ? "its result was" : "their results were") lost."
    },
    SummarySentence("error-cancel.nothing-left", when: { report in
      report.outcome == .threw && report.cancelled.isEmpty && report.orphans.isEmpty && report.results.count > 1
    }) { _ in
      "Nothing was still running when the error came, so there was nothing to cancel or to orphan."
    },
  ]
}
