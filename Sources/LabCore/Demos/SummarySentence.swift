import LabTerminal

/// One sentence a demo's summary may say, kept beside the fact of the run that makes it true.
///
/// A demo lists every sentence it can say; the summary says those whose `applies` holds for the
/// run's report, in order. Nothing is chosen by the demo's name or mode alone, and a test can
/// enumerate the list to check each sentence against the runs that print it.
///
/// ```swift
/// SummarySentence("nothing-cancelled", when: { $0.cancelled.isEmpty }) { report in
///   "Nothing was cancelled: gather returned at \(SecondsFormat.seconds(report.elapsed))."
/// }
/// ```
public struct SummarySentence: Sendable {
  /// A name for tests and reviews: `ordering.differs`.
  public let id: String
  /// The fact that makes the sentence true of a run.
  public let applies: @Sendable (DemoReport) -> Bool
  /// The words, built from the same report.
  public let words: @Sendable (DemoReport) -> String

  public init(
    _ id: String,
    when applies: @escaping @Sendable (DemoReport) -> Bool,
    say words: @escaping @Sendable (DemoReport) -> String
  ) {
    self.id = id
    self.applies = applies
    self.words = words
  }
}

extension Demo {
  /// What the learner should notice in this run: the sentences whose fact holds, in order.
  public func takeaway(_ report: DemoReport) -> [String] {
    said(report).map(\.text)
  }

  /// The sentences said for `report`, with their ids.
  public func said(_ report: DemoReport) -> [(id: String, text: String)] {
    sentences.filter { $0.applies(report) }.map { ($0.id, $0.words(report)) }
  }
}

extension DemoReport.TaskResult {
  /// "[1] B 1st": the label, with the finish rank when it has one.
  public var labelWithRank: String {
    label + (rank.map { " " + Self.ordinal($0) } ?? "")
  }

  static func ordinal(_ number: Int) -> String { TimelineRenderer.ordinal(number) }
}

extension Array where Element == DemoReport.TaskResult {
  /// "[1] B, [2] C"; with `ranks`, "[1] B 1st, [2] C 2nd".
  func labels(ranks: Bool = false) -> String {
    map { ranks ? $0.labelWithRank : $0.label }.joined(separator: ", ")
  }

  /// "B, C".
  var names: String { map(\.task).joined(separator: ", ") }
}

/// "was" for one, "were" for more.
func was(_ count: Int) -> String { count == 1 ? "was" : "were" }

/// "1.00s".
func seconds(_ value: Double?) -> String { SecondsFormat.seconds(value ?? 0) }
