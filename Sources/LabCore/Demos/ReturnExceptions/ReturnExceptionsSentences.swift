import LabTerminal

extension ReturnExceptionsDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("return-exceptions.nothing-cancelled", when: { report in
      report.outcome == .returned && report.cancelled.isEmpty && report.unfinished.isEmpty
        && report.same(report.elapsed, report.results.compactMap(\.endedAt).max())
    }) { report in
      let failed = report.failed.map { "\($0.task)'s error at index \($0.index)" }.joined(separator: ", ")
      return "Nothing was cancelled: every task ran to its end, and gather returned at \(seconds(report.elapsed)), "
        + "when the last one ended" + (failed.isEmpty ? "." : ", with \(failed) beside the values.")
    },
    SummarySentence("return-exceptions.why", when: { $0.outcome == .returned && !$0.failed.isEmpty }) { _ in
      "return_exceptions=True does not make the others run on — they do anyway; "
        + "it makes gather wait for them and hand errors back as values."
    },
  ]
}
