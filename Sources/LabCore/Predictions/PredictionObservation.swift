import Foundation

import LabTerminal

/// What the run showed, as an answer of the prediction's kind, and where the timeline shows it.
///
/// Read from a demo's `DemoReport` (every kind but `choice`), or from the real output of the
/// lesson's Python program (`choice`: the option whose `shows` text appears in an output line).
///
/// ```swift
/// let observation = PredictionObservation(kind: .order, report: report)
/// observation.value      // .order(["B", "C", "A"])
/// observation.highlight  // ["A", "B", "C"]: the finish ranks of these rows
/// ```
public struct PredictionObservation: Sendable, Equatable {
  /// What the timeline should point at: the caller's join, or a timeout's deadline.
  public enum Marker: Sendable, Equatable {
    case join, deadline
  }

  public var kind: PredictionKind
  /// What the run gave.
  public var value: PredictionValue
  /// The timeline rows (task names) that show it.
  public var highlight: Set<String>
  /// The marker on the time axis that shows it, if any.
  public var marker: Marker?
  /// When it happened, in nominal seconds, when the run says: the join for elapsed and outcome,
  /// the cancellations or the orphans' end.
  public var time: Double?
  /// When each task ended, when the run's timeline is known: an `order` answer may swap tasks that
  /// ended within `PredictionVerdict.tieTolerance` of each other.
  public var endTimes: [String: Double]
  /// For a `choice`, the output line that decided it.
  public var evidence: String?
  /// For `cancelled`, the tasks that failed on their own: a learner who names one mistook a
  /// failure for a cancellation, and the verdict says so.
  public var failed: Set<String> = []
  /// The phase the run's last tasks ran in, when the timeline shows several (its times count
  /// from the run's start, an elapsed time from the phase's).
  public var phase: String?

  public init(
    kind: PredictionKind,
    value: PredictionValue,
    highlight: Set<String> = [],
    marker: Marker? = nil,
    time: Double? = nil,
    endTimes: [String: Double] = [:],
    evidence: String? = nil
  ) {
    self.kind = kind
    self.value = value
    self.highlight = highlight
    self.marker = marker
    self.time = time
    self.endTimes = endTimes
    self.evidence = evidence
  }

  /// What a demo run showed for a prediction of `kind`. `timeline`, the run's final snapshot
  /// when the caller has it, adds the instants (when tasks ended, when they were cancelled).
  /// Nil for `choice`, which a Python program decides, and for an interrupted run, which
  /// decides nothing.
  public init?(kind: PredictionKind, report: DemoReport, timeline: TimelineSnapshot? = nil) {
    guard report.outcome != .interrupted else { return nil }
    let lastPhase = timeline?.phases.last
    let rows = (timeline?.rows ?? []).filter { $0.phase == lastPhase }
    var ended: [String: Double] = [:]
    for row in rows {
      if let end = row.endedAt { ended[row.name] = end }
    }
    // Times on the timeline count from the demo's start; `elapsed` from the last phase's start.
    let joinTime = timeline?.join?.time ?? report.elapsed
    let cancelled = report.results.filter { $0.result.isCancelled }.map(\.task)
    // The ▲ marker only when the timeline draws one (a snapshot without a join has none), and the
    // deadline's ┆ when the caller's wait ended there.
    let joinMarker: Marker? =
      report.outcome == .timedOut && timeline?.deadline != nil ? .deadline
      : timeline == nil || timeline?.join != nil ? .join : nil
    switch kind {
    case .order:
      let finished = report.finishOrder.filter { task in
        report.results.first { $0.task == task }.map { !$0.result.isCancelled } ?? true
      }
      self.init(kind: kind, value: .order(finished), highlight: Set(finished))
    case .results:
      let value: PredictionValue.Results
      switch report.outcome {
      case .threw, .timedOut, .interrupted:
        value = .none
      case .returned:
        value = .slots(report.results.map { slot in
          if case .value(let text, _) = slot.result { return .value(text) }
          return .error
        })
      }
      self.init(
        kind: kind, value: .results(value), highlight: Set(report.results.map(\.task)), marker: joinMarker, time: joinTime
      )
    case .elapsed:
      self.init(kind: kind, value: .seconds(report.elapsed), marker: joinMarker, time: joinTime)
    case .cancelled:
      let times = cancelled.compactMap { ended[$0] }
      self.init(
        kind: kind, value: .tasks(Set(cancelled)), highlight: Set(cancelled), time: times.isEmpty ? nil : times.min()
      )
      failed = Set(report.failed.map(\.task))
    case .orphans:
      self.init(
        kind: kind, value: .tasks(Set(report.orphans)), highlight: Set(report.orphans), marker: joinMarker,
        time: report.orphansSettledAt
      )
    case .outcome:
      let outcome: PredictionValue.Outcome =
        switch report.outcome {
        case .returned, .interrupted: .returned
        case .threw: .threw
        case .timedOut: .timedOut
        }
      self.init(
        kind: kind, value: .outcome(outcome), marker: report.outcome == .timedOut ? .deadline : joinMarker, time: joinTime
      )
    case .running:
      self.init(kind: kind, value: .count(report.maxRunning))
    case .existing:
      self.init(kind: kind, value: .count(report.maxExisting))
    case .choice:
      return nil
    }
    endTimes = ended
    phase = (timeline?.phases.count ?? 0) > 1 ? lastPhase : nil
  }

  /// The option a Python program's output selects: the one whose `shows` text appears in some
  /// line of `output` (standard output and standard error, line by line). Exactly one option
  /// must match; none or several leave the question undecided.
  public static func choice(
    options: [PredictionOption],
    output: [String]
  ) -> Result<PredictionObservation, PredictionUndecided> {
    // Exactly as written first; failing that, with the printed timings a little off, as a
    // loaded machine prints them ("took 1.2s" for "took 1.0s").
    func matching(_ match: (String, String) -> Bool) -> [Int] {
      options.indices.filter { index in output.contains { match($0, options[index].shows) } }
    }
    var matched = matching { $0.contains($1) }
    var match: (String, String) -> Bool = { $0.contains($1) }
    if matched.isEmpty {
      match = { TimingTolerantText.line($0, contains: $1) }
      matched = matching(match)
    }
    if matched.isEmpty, let nearest = nearestByTimings(options: options, output: output) {
      return .success(PredictionObservation(kind: .choice, value: .choice(nearest.option), evidence: nearest.line))
    }
    guard matched.count == 1, let index = matched.first else {
      return .failure(PredictionUndecided(matching: matched))
    }
    let line = output.first { match($0, options[index].shows) }
    return .success(PredictionObservation(kind: .choice, value: .choice(index), evidence: line))
  }

  /// Where no option matches even with its timings a little off (a heavily loaded machine prints
  /// "one by one 1.3s" for "one by one 1.0s"), the option whose text appears with the nearest
  /// timings decides — if it is clearly the nearest: within a factor of 2 of what it states, and
  /// the next option's timings are at least twice as far off (as factors). Otherwise nothing
  /// decides, as before.
  private static func nearestByTimings(options: [PredictionOption], output: [String]) -> (option: Int, line: String)? {
    let near = options.indices.compactMap { index -> (option: Int, line: String, distance: Double)? in
      output.compactMap { line in
        TimingTolerantText.distance(line, from: options[index].shows).map { (index, line, $0) }
      }.min { $0.distance < $1.distance }
    }.sorted { $0.distance < $1.distance }
    guard let best = near.first, best.distance <= log(2) else { return nil }
    if near.count > 1, near[1].distance < 2 * best.distance { return nil }
    return (best.option, best.line)
  }
}

/// A Python program's output matched no option of a `choice`, or several: the run cannot decide.
/// The content test reports it; the walkthrough lets `expect` decide and says so.
public struct PredictionUndecided: Error, Equatable, Sendable, CustomStringConvertible {
  /// The indices of the options whose `shows` text appeared (none, or more than one).
  public var matching: [Int]

  public init(matching: [Int]) {
    self.matching = matching
  }

  public var description: String {
    guard !matching.isEmpty else { return "The program's output shows none of the options." }
    let letters = matching.map(PredictionOption.letter)
    let named = letters.dropLast().joined(separator: ", ") + " and " + (letters.last ?? "")
    return "The program's output shows options \(named) at once."
  }
}
