import LabTerminal

extension WorkerPoolDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("worker-pool.backpressure", when: { report in
      guard let wait = report.producerWait else { return false }
      return wait.end - wait.start > report.sameMoment
    }) { report in
      let wait = report.producerWait
      return "The queue was full, so the producer waited for room from \(seconds(wait?.start)) until its last job went in "
        + "at \(seconds(wait?.end)): backpressure held it to the workers' pace."
    },
    SummarySentence("worker-pool.never-waited", when: { report in
      guard let producer = report.producerRow, let end = producer.endedAt else { return false }
      return report.producerWait.map { $0.end - $0.start <= report.sameMoment } ?? true && end <= report.sameMoment
    }) { report in
      let maxsize = report.parameters(as: WorkerPoolParameters.self).maxsize
      return "The producer never waited for room: all \(report.results.count) jobs went into the queue by "
        + "\(seconds(report.producerRow?.endedAt))" + (maxsize == 0 ? ", an unbounded one (maxsize 0)." : ".")
    },
    SummarySentence("worker-pool.peak", when: { $0.outcome == .returned && $0.peakQueue > 0 }) { report in
      let maxsize = report.parameters(as: WorkerPoolParameters.self).maxsize
      let peak = report.peakQueue
      return "At most \(peak) \(peak == 1 ? "job" : "jobs") waited in the queue at once "
        + (maxsize == 0 ? "(maxsize 0: no limit)." : "(maxsize \(maxsize)).")
    },
    SummarySentence("worker-pool.busy", when: { report in
      report.outcome == .returned && report.elapsed > report.sameMoment && report.workTime > 0
    }) { report in
      let workers = report.parameters(as: WorkerPoolParameters.self).workers
      let share = Int((100 * report.workTime / (Double(workers) * report.elapsed)).rounded())
      return "\(workers == 1 ? "The worker was" : "The \(workers) workers were") busy \(share)% of the time until join() "
        + "returned, never more than \(report.maxRunning) \(report.maxRunning == 1 ? "job" : "jobs") at once."
    },
  ]
}

extension DemoReport {
  /// The producer's row.
  var producerRow: TaskResult? { sideTasks.first }

  /// When the producer first found the queue full, and when its last job went in.
  var producerWait: (start: Double, end: Double)? {
    guard let producer = producerRow, let start = producer.waitingSince, let end = producer.endedAt else { return nil }
    return (start, end)
  }

  /// Most jobs waiting in the queue at one moment (each wait longer than the same moment).
  var peakQueue: Int {
    let waits = results.compactMap { job -> (Double, Double)? in
      guard let since = job.waitingSince else { return nil }
      let until = job.startedAt ?? job.endedAt ?? .infinity
      return until - since > sameMoment ? (since, until) : nil
    }
    return waits.map { since, _ in waits.filter { $0.0 <= since + sameMoment && $0.1 > since + sameMoment }.count }.max() ?? 0
  }

  /// The seconds the workers spent on jobs, all together.
  var workTime: Double {
    results.compactMap { job in job.startedAt.flatMap { start in job.endedAt.map { $0 - start } } }.reduce(0, +)
  }
}
