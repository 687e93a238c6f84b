import LabTerminal

extension SequentialDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("sequential.speedup", when: { report in
      report.outcome == .returned && report.phaseTimes.count == 2 && (report.speedup ?? 0) > 1.05
    }) { report in
      "One by one, each fetch waited for the one before it: \(seconds(report.sequential)). "
        + "Gathered, they waited together: \(seconds(report.elapsed)), "
        + SecondsFormat.ratio(report.speedup ?? 1) + " faster."
    },
    SummarySentence("sequential.single", when: { report in
      report.outcome == .returned && report.phaseTimes.count == 2 && report.results.count == 1
    }) { report in
      "With one fetch there is nothing to overlap: \(seconds(report.sequential)) one by one, "
        + "\(seconds(report.elapsed)) gathered. Try count=3."
    },
  ]
}
