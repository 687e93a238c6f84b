import LabTerminal

extension AsCompletedDemo {
  public var sentences: [SummarySentence] { Self.summarySentences }

  static let summarySentences = [
    SummarySentence("as-completed.first-early", when: { report in
      guard report.outcome == .returned, let first = report.firstHandled, let last = report.lastTaskEnd else { return false }
      return (first.startedAt ?? .infinity) < last - report.sameMoment
    }) { report in
      let first = report.firstHandled
      return "The first result, \(first.map { $0.task(in: report) } ?? "?")'s, was handled at \(seconds(first?.startedAt)); "
        + "gather would have handed it over at \(seconds(report.lastTaskEnd)), when the last task ended."
    },
    SummarySentence("as-completed.held-back", when: { report in
      guard report.outcome == .returned, let first = report.firstHandled?.startedAt, let last = report.lastTaskEnd,
        let earliest = report.endedInOrder.first?.endedAt
      else { return false }
      return first >= last - report.sameMoment && earliest < last - report.sameMoment
    }) { report in
      let lastTask = report.endedInOrder.last
      let earliest = report.endedInOrder.first
      return "Nothing was handled before \(seconds(report.lastTaskEnd)), when the last task, \(lastTask?.label ?? "?"), ended: "
        + "\(earliest?.label ?? "?")'s result had been ready since \(seconds(earliest?.endedAt))."
    },
    SummarySentence("as-completed.finish-order", when: { report in
      report.outcome == .returned && report.handledOrder.count > 1 && report.handledOrder != report.handledOrder.sorted()
        && report.handledInEndOrder
    }) { report in
      "Results were handled in the order the tasks finished, \(report.handledNames), not in argument order."
    },
    SummarySentence("as-completed.argument-order", when: { report in
      report.outcome == .returned && report.handledOrder.count == report.results.count
        && report.handledOrder == report.handledOrder.sorted() && report.endOrder == .differs
    }) { report in
      "Results were handled in argument order, \(report.handledNames), though the tasks finished "
        + "\(report.endedInOrder.map(\.task).joined(separator: ", "))."
    },
    SummarySentence("as-completed.overlap", when: { report in
      guard report.outcome == .returned, let first = report.firstHandled?.startedAt, let last = report.lastTaskEnd else { return false }
      return first < last - report.sameMoment && report.handlingTime > report.sameMoment
        && report.elapsed < last + report.handlingTime - report.sameMoment
    }) { report in
      let last = report.lastTaskEnd ?? 0
      let early = report.sideTasks.filter { ($0.endedAt ?? .infinity) <= last + report.sameMoment }.count
      return "Handling overlapped the waiting: when the last task ended at \(seconds(last)), \(early) of "
        + "\(report.sideTasks.count) results had been handled already; all were handled at \(seconds(report.elapsed))."
    },
    SummarySentence("as-completed.after-all", when: { report in
      guard report.outcome == .returned, let first = report.firstHandled?.startedAt, let last = report.lastTaskEnd else { return false }
      return report.sideTasks.count > 1 && first >= last - report.sameMoment && report.handlingTime > report.sameMoment
    }) { report in
      "All the handling came after the last task ended at \(seconds(report.lastTaskEnd)): "
        + "\(report.sideTasks.count) results, one after another, all handled at \(seconds(report.elapsed)). Try mode=finish."
    },
    SummarySentence("as-completed.tied", when: { report in
      report.outcome == .returned && report.firstTie != nil
    }) { report in
      let tied = report.firstTiedGroup
      let labels = tied.map(\.label)
      let named = labels.count > 1 ? labels.dropLast().joined(separator: ", ") + " and " + (labels.last ?? "") : labels.joined()
      return "\(named) ended at the same moment, \(seconds(tied.first?.endedAt)): "
        + "they were handed over one after the other, in either order."
    },
  ]
}

extension DemoReport {
  /// The consumer's handling rows that started, in the order they started (ties by index).
  var handlersInOrder: [TaskResult] {
    sideTasks.filter { $0.startedAt != nil }.sorted { ($0.startedAt ?? 0, $0.rank ?? 0) < ($1.startedAt ?? 0, $1.rank ?? 0) }
  }

  /// The first result the consumer handled.
  var firstHandled: TaskResult? { handlersInOrder.first }

  /// The argument indexes of the results, in the order they were handled.
  var handledOrder: [Int] { handlersInOrder.map(\.index) }

  /// "B, C, A": the tasks whose results were handled, in that order.
  var handledNames: String { handledOrder.compactMap { index in results.first { $0.index == index }?.task }.joined(separator: ", ") }

  /// Whether each result was handled in the order its task ended (tasks ending together in either order).
  var handledInEndOrder: Bool {
    let ends = handledOrder.compactMap { index in results.first { $0.index == index }?.endedAt }
    return zip(ends, ends.dropFirst()).allSatisfy { $0 <= $1 + sameMoment }
  }

  /// The first two tasks that ended at the same moment, in the order they ended.
  var firstTie: (TaskResult, TaskResult)? {
    let ended = endedInOrder
    return zip(ended, ended.dropFirst()).first { same($0.endedAt, $1.endedAt) }
  }

  /// The tasks that ended with the first tie: each within a moment of the one before it, so
  /// three tasks of one second are named together, not only the first two.
  var firstTiedGroup: [TaskResult] {
    guard let (first, _) = firstTie else { return [] }
    var group = [first]
    for task in endedInOrder.drop(while: { $0.index != first.index }).dropFirst() {
      guard let last = group.last, same(last.endedAt, task.endedAt) else { break }
      group.append(task)
    }
    return group
  }

  /// When the last task ended.
  var lastTaskEnd: Double? { results.compactMap(\.endedAt).max() }

  /// How long the consumer spent handling, all results together.
  var handlingTime: Double {
    sideTasks.compactMap { task in task.startedAt.flatMap { start in task.endedAt.map { $0 - start } } }.reduce(0, +)
  }
}

extension DemoReport.TaskResult {
  /// "[1] B": the label of the task this handling row is for (same index).
  func task(in report: DemoReport) -> String {
    report.results.first { $0.index == index }?.label ?? label
  }
}
