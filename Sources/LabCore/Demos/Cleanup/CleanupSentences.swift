import LabTerminal

extension CleanupDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("cleanup.cleaned-up", when: { report in
      report.outcome == .timedOut && !report.cleanedUp.isEmpty && report.cleanupTookTime
    }) { report in
      let tasks = report.cleanedUp
      return "\(tasks.labels()) \(tasks.count == 1 ? "got its" : "got their") cancellation at "
        + "\(seconds(tasks.compactMap(\.cancellingAt).min())), cleaned up until "
        + "\(seconds(tasks.compactMap(\.endedAt).max())) and re-raised it."
    },
    SummarySentence("cleanup.nothing-to-clean", when: { report in
      report.outcome == .timedOut && !report.cleanedUp.isEmpty && !report.cleanupTookTime
    }) { report in
      let tasks = report.cleanedUp
      return "\(tasks.labels()) \(tasks.count == 1 ? "got its" : "got their") cancellation at "
        + "\(seconds(tasks.compactMap(\.cancellingAt).min())) and re-raised it at once: "
        + "\(tasks.count == 1 ? "its" : "their") cleanup took no time (cleanup=0)."
    },
    SummarySentence("cleanup.waited-for-cleanup", when: { report in
      report.outcome == .timedOut && !report.cleanedUp.isEmpty && report.cleanupTookTime
        && report.same(report.elapsed, report.cleanedUp.compactMap(\.endedAt).max())
    }) { report in
      "The block raised TimeoutError only then, at \(seconds(report.elapsed)): it waits for every cancelled task "
        + "to finish its cleanup."
    },
    SummarySentence("cleanup.swallowed-held-up", when: { report in
      report.swallowersHeldTheBlock
    }) { report in
      let swallowed = report.swallowed
      return "The deadline passed at \(seconds(swallowed.compactMap(\.cancellingAt).min())), but the block ended only at "
        + "\(seconds(report.elapsed)), because \(swallowed.labels()) swallowed "
        + "\(swallowed.count == 1 ? "its" : "their") cancellation and ran on: the group waits for every task."
    },
    SummarySentence("cleanup.swallowed", when: { report in
      report.swallowed.contains { $0.endedAt != nil } && !report.swallowersHeldTheBlock
    }) { report in
      let swallowed = report.swallowed
      return "\(swallowed.labels()) swallowed \(swallowed.count == 1 ? "its" : "their") cancellation and ran on until "
        + "\(seconds(swallowed.compactMap(\.endedAt).max()))."
    },
    SummarySentence("cleanup.still-timeout", when: { report in
      report.outcome == .timedOut && !report.swallowed.isEmpty
    }) { report in
      "TimeoutError was still raised: \(report.swallowed.labels()) swallowed only "
        + "\(report.swallowed.count == 1 ? "its own cancellation" : "their own cancellations"), "
        + "not the one the deadline sent the block."
    },
    SummarySentence("cleanup.lost", when: { report in
      report.outcome == .timedOut && report.lost.contains { $0.cancellingAt == nil }
    }) { report in
      let done = report.lost.filter { $0.cancellingAt == nil }
      return "\(done.labels(ranks: true)) had finished before the deadline, but "
        + "\(done.count == 1 ? "its result was" : "their results were") lost with the TimeoutError."
    },
    SummarySentence("cleanup.in-time", when: { report in
      report.outcome == .returned && report.cancelled.isEmpty && report.swallowed.isEmpty
    }) { _ in
      "Every task finished before the deadline, so nothing was cancelled and nothing needed cleaning up."
    },
  ]
}

extension DemoReport {
  /// Whether the block timed out only when the tasks that swallowed their cancellation ended: their
  /// last end is the block's end, and every other task (cleaned up, finished on the deadline's
  /// instant, or lost) ended more than a moment before it. At speed 100 a moment is 0.5 s, so a
  /// task finishing on the deadline at 1.0 and a swallower ending at 1.5 are one moment, and the
  /// run says only that the swallower ran on.
  var swallowersHeldTheBlock: Bool {
    guard outcome == .timedOut, let end = swallowed.compactMap(\.endedAt).max() else { return false }
    let swallowers = Set(swallowed.map(\.index))
    let othersEnd = results.filter { !swallowers.contains($0.index) }.compactMap(\.endedAt).max() ?? 0
    return same(elapsed, end) && end > othersEnd + sameMoment
  }

  /// Whether a cancelled task spent longer than a moment between its cancellation and its end:
  /// with `cleanup=0` it re-raises at once, and no sentence may say the block waited for cleanup.
  var cleanupTookTime: Bool {
    cleanedUp.contains { task in
      guard let start = task.cancellingAt, let end = task.endedAt else { return false }
      return end - start > sameMoment
    }
  }
}
