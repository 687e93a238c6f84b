import LabCore
import Testing

/// `compare` interrupted by Ctrl-C compares only what both runs had done: it once reported
/// disagreements on end order, cancellations and results about CPython rows it never saw end.
/// Its closing sentence gives the measured gap, not the tolerance ("times within 0.12s").
@Suite struct InterruptedComparisonTests {
  static let parameters = try! DemoRegistry.standard.demo(named: "ordering").resolve([])

  static func run(_ runtime: String, outcome: DemoReport.Outcome, ended: [(String, Double)], elapsed: Double) -> DemoComparison.Run {
    let endedAt = Dictionary(uniqueKeysWithValues: ended)
    let results = ["A", "B", "C"].enumerated().map { index, task in
      DemoReport.TaskResult(task: task, index: index, result: endedAt[task] != nil ? .value(task, lost: false) : .unfinished, endedAt: endedAt[task])
    }
    let report = DemoReport(
      demo: "ordering", parameters: parameters, speed: 1, outcome: outcome, elapsed: elapsed, ideal: 3, sequential: 6,
      results: results, finishOrder: ended.map(\.0), maxRunning: 3, maxExisting: 3
    )
    return DemoComparison.Run(runtime: runtime, report: report, endedAt: endedAt)
  }

  @Test func anInterruptedComparisonComparesOnlyTheTasksBothRunsEnded() {
    let comparison = DemoComparison(
      swift: Self.run("Swift", outcome: .returned, ended: [("B", 1), ("C", 2), ("A", 3)], elapsed: 3),
      python: Self.run("CPython 3.11.7", outcome: .interrupted, ended: [("B", 1.02)], elapsed: 1.5),
      speed: 1
    )
    #expect(comparison.interrupted)
    #expect(comparison.compared == ["B"])
    #expect(comparison.facets.map(\.name) == ["end order", "cancelled", "results"])
    #expect(comparison.agrees)
    // Wrapped between words at 80 columns (a terminal once cut "with|in" at the last column).
    #expect(comparison.lines(width: 80).map(\.plainText).suffix(3) == [
      "Interrupted: compared only the task both runs had ended (B).",
      "Swift and CPython agree on every point compared (times at most 0.02s apart,",
      "within the 0.12s tolerance).",
    ])
  }

  @Test func aFinishedComparisonGivesTheMeasuredGapBesideTheTolerance() {
    let comparison = DemoComparison(
      swift: Self.run("Swift", outcome: .returned, ended: [("B", 1), ("C", 2), ("A", 3)], elapsed: 3),
      python: Self.run("CPython 3.11.7", outcome: .returned, ended: [("B", 1.01), ("C", 2.03), ("A", 3.04)], elapsed: 3.05),
      speed: 1
    )
    #expect(!comparison.interrupted)
    #expect(abs(comparison.largestGap - 0.05) < 1e-9)
    #expect(comparison.lines(width: 80).map(\.plainText).suffix(2) == [
      "Swift and CPython agree on every point compared (times at most 0.05s apart,",
      "within the 0.12s tolerance).",
    ])
  }
}
