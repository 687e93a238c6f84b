import LabCore
import LabTerminal

extension RelayDemo {
  var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("relay.sum", when: { report in
      report.outcome == .returned && report.results.count > 1 && report.maxRunning == 1
    }) { report in
      "Each leg waited for the one before: \(SecondsFormat.seconds(report.elapsed)), the sum of the legs."
    },
    SummarySentence("relay.overlap", when: { report in
      report.outcome == .returned && report.results.count > 1 && report.maxRunning == report.results.count
    }) { report in
      "Gathered, the legs overlapped: \(SecondsFormat.seconds(report.elapsed)) instead of "
        + "\(SecondsFormat.seconds(report.sequential))."
    },
  ]
}
