import LabTerminal

extension BlockingDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("blocking.pool", when: { report in
      report.runtime == nil && report.parameters(as: BlockingParameters.self).mode == .sleep && !report.waited.isEmpty
        && report.cores != nil
    }) { report in
      let cores = report.cores ?? 1
      let perCore = report.maxRunning == cores ? ", one per core" : ""
      return "Each task blocked the thread it ran on, so Swift's pool ran only \(report.maxRunning) at a time\(perCore) "
        + "(this machine has \(cores) \(cores == 1 ? "core" : "cores")): \(report.results.count) tasks took "
        + "\(seconds(report.elapsed)), in \(report.waves) waves."
    },
    // A CPython run: its one thread ran the blocked tasks one at a time, as measured.
    SummarySentence("blocking.one-thread", when: { report in
      report.runtime != nil && report.parameters(as: BlockingParameters.self).mode == .sleep && report.outcome == .returned
        && report.results.count > 1 && report.maxRunning == 1
    }) { report in
      "Each task blocked the event loop's one thread, so \(report.runtime ?? "asyncio") ran them one after another: "
        + "\(report.results.count) tasks took \(seconds(report.elapsed)), the sum of their delays. Try mode=await or mode=thread."
    },
    SummarySentence("blocking.asyncio", when: { report in
      report.runtime == nil && report.parameters(as: BlockingParameters.self).mode == .sleep && report.outcome == .returned
        && report.results.count > 1
    }) { report in
      "asyncio runs every task on one thread, so there the same blocking calls run one after another: "
        + "\(seconds(report.sequential)). Try mode=await or mode=thread."
    },
    SummarySentence("blocking.enough-cores", when: { report in
      report.runtime == nil && report.parameters(as: BlockingParameters.self).mode == .sleep && report.outcome == .returned
        && report.waited.isEmpty && report.results.count > 1
    }) { report in
      "Here every blocked task found a thread of its own (\(report.results.count) tasks, "
        + "\(report.cores ?? 1) cores); try tasks=\((report.cores ?? 1) * 2 + 1) to see them queue."
    },
    SummarySentence("blocking.suspended", when: { report in
      report.parameters(as: BlockingParameters.self).mode == .await && report.outcome == .returned && report.waited.isEmpty
    }) { report in
      "await suspends the task instead of holding its thread: all \(report.results.count) waited together, "
        + "and gather returned at \(seconds(report.elapsed))."
    },
    SummarySentence("blocking.own-thread", when: { report in
      report.parameters(as: BlockingParameters.self).mode == .thread && report.outcome == .returned && report.waited.isEmpty
        && report.endMoments == 1
    }) { report in
      "Each blocking call ran on a worker thread, as asyncio.to_thread does, while its task suspended: "
        + "all \(report.results.count) overlapped, and gather returned at \(seconds(report.elapsed))."
    },
    // Rounds need more calls than workers: ends a few milliseconds apart under load are not one.
    SummarySentence("blocking.thread-pool", when: { report in
      report.parameters(as: BlockingParameters.self).mode == .thread && report.outcome == .returned && report.endMoments > 1
        && report.cores.map { report.results.count > Self.workers(cores: $0) } == true
    }) { report in
      let workers = Self.workers(cores: report.cores ?? 1)
      return "asyncio.to_thread's calls share one pool of min(32, cores + 4) = \(workers) worker threads: "
        + "\(report.results.count) calls ran at most \(workers) at a time, in \(report.endMoments) rounds, "
        + "and gather returned at \(seconds(report.elapsed))."
    },
  ]
}
