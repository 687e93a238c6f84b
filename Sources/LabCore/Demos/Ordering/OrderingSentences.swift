import LabTerminal

extension OrderingDemo {
  public var sentences: [SummarySentence] {
    Self.summarySentences
  }

  static let summarySentences = [
    SummarySentence("ordering.differs", when: { $0.outcome == .returned && $0.endOrder == .differs }) { report in
      let outOfPlace = report.results.first { task in task.rank.map { $0 != task.index + 1 } ?? false }
      let example = outOfPlace.map { " (\($0.label) came \(DemoReport.TaskResult.ordinal($0.rank ?? 0)))" } ?? ""
      return "They finished \(report.endedInOrder.names)\(example), yet the results are in argument order: "
        + report.results.names + "."
    },
    SummarySentence("ordering.same", when: { $0.outcome == .returned && $0.results.count > 1 && $0.endOrder == .argumentOrder }) { report in
      "They happened to finish in argument order, so both orders agree here; try delays=3,1,2 to see them differ."
    },
    SummarySentence("ordering.tied", when: { $0.outcome == .returned && $0.endOrder == .tied }) { report in
      "Some finished at the same moment; the results are still in argument order: \(report.results.names)."
    },
    SummarySentence("ordering.slowest", when: { report in
      report.outcome == .returned && report.results.count > 1 && report.same(report.elapsed, report.longestRun)
        && report.sequential > report.elapsed + report.sameMoment
    }) { report in
      "gather took as long as the slowest task (\(seconds(report.elapsed))), "
        + "not as long as all of them one after another (\(seconds(report.sequential)))."
    },
  ]
}
