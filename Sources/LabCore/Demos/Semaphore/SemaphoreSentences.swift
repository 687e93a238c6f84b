import LabTerminal

extension SemaphoreDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("semaphore.bounded", when: { report in
      (!report.waited.isEmpty || report.waves >= 2) && report.maxRunning <= report.parameters(as: SemaphoreParameters.self).limit
    }) { report in
      "Never more than \(report.maxRunning) ran at once (limit \(report.parameters(as: SemaphoreParameters.self).limit))"
        + (report.waves >= 2 ? ", in \(report.waves) waves." : ".")
    },
    SummarySentence("semaphore.unbounded", when: { report in
      report.outcome == .returned && report.waited.isEmpty && report.maxRunning == report.results.count
    }) { report in
      "No task had to wait: \(report.results.count) \(report.results.count == 1 ? "task" : "tasks") "
        + "under a limit of \(report.parameters(as: SemaphoreParameters.self).limit) all ran at once."
    },
    SummarySentence("semaphore.upfront", when: { report in
      report.maxExisting == report.results.count && !report.waited.isEmpty
        && report.results.allSatisfy { ($0.waitingSince ?? $0.startedAt ?? .infinity) <= report.sameMoment }
    }) { report in
      "All \(report.results.count) tasks existed from the start, \(report.waited.count) of them waiting for a permit: "
        + "memory grows with the number of tasks. Try mode=window."
    },
    SummarySentence("semaphore.window", when: { report in
      report.outcome == .returned && report.maxExisting < report.results.count
    }) { report in
      "At most \(report.maxExisting) tasks existed at any moment, not \(report.results.count): "
        + "memory stays flat however many inputs there are."
    },
    SummarySentence("semaphore.orphans", when: { $0.outcome == .threw && !$0.orphans.isEmpty }) { report in
      let orphans = report.results.filter(\.isOrphan)
      let later = report.distinctMoments(orphans.compactMap(\.startedAt).filter { $0 >= report.elapsed - report.sameMoment })
      let waves = later == 0 ? "" : later == 1 ? ", in 1 more wave," : ", in \(later) more waves,"
      return "The caller got \(report.failed.first.map { $0.label + "'s" } ?? "the") error at \(seconds(report.elapsed)), "
        + "but \(orphans.count) other \(orphans.count == 1 ? "task" : "tasks") went on\(waves) "
        + "until \(seconds(report.orphansSettledAt)): orphans, whose results nobody reads."
    },
    SummarySentence("semaphore.cancelled", when: { report in
      report.outcome == .threw && !report.cancelled.isEmpty
        && report.cancelled.allSatisfy { report.same($0.endedAt, report.failed.first?.endedAt) }
    }) { report in
      "\(DemoTranscript.fateList(report.cancelled, ranks: false)) \(was(report.cancelled.count)) cancelled "
        + "as soon as \(report.failed.first?.label ?? "a task") failed."
    },
    SummarySentence("semaphore.never-created", when: { $0.outcome == .threw && !$0.notCreated.isEmpty }) { report in
      "\(DemoTranscript.fateList(report.notCreated, ranks: false)) \(was(report.notCreated.count)) never created: "
        + "the window stops at the first error."
    },
  ]
}
