import LabTerminal

extension TimeoutDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("timeout.cancelled", when: { report in
      report.outcome == .timedOut && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.elapsed) }
    }) { report in
      "At the deadline, \(seconds(report.elapsed)), \(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled "
        + "and the caller got a timeout instead of a list."
    },
    SummarySentence("timeout.lost", when: { $0.outcome == .timedOut && !$0.lost.isEmpty }) { report in
      "\(report.lost.labels(ranks: true)) had finished, but \(report.lost.count == 1 ? "its result was" : "their results were") "
        + "lost with the gather. Try mode=each."
    },
    SummarySentence("timeout.each", when: { report in
      report.outcome == .returned && !report.cancelled.isEmpty && (report.received?.contains("TimeoutError") ?? false)
    }) { report in
      let kept = report.finished
      return "Each task had its own deadline: \(report.cancelled.labels()) \(was(report.cancelled.count)) cancelled "
        + "at \(seconds(report.cancelled.compactMap(\.endedAt).max())) and \(report.cancelled.count == 1 ? "its slot holds" : "their slots hold") "
        + "a TimeoutError" + (kept.isEmpty ? "." : ", while \(kept.labels()) kept \(kept.count == 1 ? "its result" : "their results").")
    },
    SummarySentence("timeout.never-fired", when: { report in
      report.outcome == .returned && report.finished.count == report.results.count
    }) { _ in
      "Every task finished before the deadline, so no timeout fired."
    },
  ]
}
