import LabTerminal

/// Whether an answer was right, decided by the run: what the learner said, what the run showed,
/// and which rows or marker of the timeline show it, for the walkthrough to highlight.
///
/// ```swift
/// let observation = PredictionObservation(kind: .order, report: report)!
/// let verdict = PredictionVerdict(answer: .order(["B", "C", "A"]), observation: observation)
/// verdict.correct   // true
/// verdict.sentence  // "You said B C A; the run finished B, C, A (each row's finish rank) — right."
/// ```
///
/// When the run cannot decide (python3 is missing, the learner did not allow a lesson's Python to
/// run, the output matched no option) the lesson's `expect` decides, and `decidedBy` says so.
public struct PredictionVerdict: Sendable, Equatable {
  /// Who decided.
  public enum Decision: Sendable, Equatable {
    /// The real run.
    case run
    /// The lesson's `expect`, because the run could not decide.
    case expectOnly(ExpectOnlyReason)
  }

  /// Why the run did not decide.
  public enum ExpectOnlyReason: Sendable, Equatable {
    /// No python3 (3.11 or newer) was found.
    case pythonUnavailable
    /// The learner did not allow a lesson from outside the course to run its Python.
    case notTrusted
    /// The program ran but failed or hung: the sentence says how.
    case runFailed(String)
    /// The program's output matched no option, or several.
    case undecided(PredictionUndecided)
  }

  /// Tasks whose ends are at most this far apart (nominal seconds) may finish in either order on
  /// Swift's thread pool, so an `order` answer may swap them.
  public static let tieTolerance = 0.010

  public var kind: PredictionKind
  public var answer: PredictionValue
  /// What the run showed (or, decided by `expect`, what the lesson claims).
  public var observed: PredictionValue
  public var correct: Bool
  public var decidedBy: Decision
  /// Task rows of the timeline that show the answer.
  public var highlight: Set<String>
  /// The marker of the timeline that shows it.
  public var marker: PredictionObservation.Marker?
  /// When it happened, if the run says (nominal seconds).
  public var time: Double?
  /// For a `choice`, the options, so the words can name them.
  public var options: [PredictionOption]
  /// For a `choice` decided by the run, the output line that decided it.
  public var evidence: String?
  /// For `cancelled`, the tasks that failed rather than being cancelled.
  public var failed: Set<String> = []
  /// What the frame on screen draws (`TimelineRenderer.marks`): the sentence names a mark only
  /// when the frame draws it at the instant the sentence says. Nil: the frame is not known, and
  /// the sentence names `marker` and the rows as the run has them.
  public var marks: TimelineMarks?
  /// The phase the run's elapsed time counts from, when the timeline shows several.
  public var phase: String?

  /// The run decides.
  public init(answer: PredictionValue, observation: PredictionObservation, options: [PredictionOption] = []) {
    kind = observation.kind
    self.answer = answer
    observed = observation.value
    correct = Self.matches(answer, observation.value, endTimes: observation.endTimes)
    decidedBy = .run
    highlight = observation.highlight
    marker = observation.marker
    time = observation.time
    self.options = options
    evidence = observation.evidence
    failed = observation.failed
    phase = observation.phase
  }

  /// The lesson's `expect` decides, because the run could not.
  public init(answer: PredictionValue, prediction: Prediction, reason: ExpectOnlyReason) {
    kind = prediction.kind
    self.answer = answer
    observed = prediction.expect
    correct = Self.matches(answer, prediction.expect)
    decidedBy = .expectOnly(reason)
    highlight = []
    marker = nil
    time = nil
    options = prediction.options
    evidence = nil
  }

  /// Whether `answer` is what the run showed: orders exactly (tasks that ended within
  /// `tieTolerance` of each other, by `endTimes`, may swap), seconds within the larger of 10% and
  /// 0.25 s, sets as sets, result slots one by one (values ignoring case), the rest exactly.
  public static func matches(_ answer: PredictionValue, _ observed: PredictionValue, endTimes: [String: Double] = [:])
    -> Bool
  {
    switch (answer, observed) {
    case (.order(let said), .order(let ran)):
      return sameOrder(said, ran, endTimes: endTimes)
    case (.results(.slots(let said)), .results(.slots(let ran))):
      return said.count == ran.count && zip(said, ran).allSatisfy { pair in
        switch pair {
        case (.error, .error): true
        case (.value(let said), .value(let ran)): said.lowercased() == ran.lowercased()
        default: false
        }
      }
    case (.seconds(let said), .seconds(let ran)):
      return abs(said - ran) <= max(0.1 * ran, 0.25)
    case (.outcome(.threw), .outcome(.timedOut)):
      // A timeout reaches the caller as a raised TimeoutError (Python's wait_for and timeout()):
      // "threw" describes it as well as the demo's "timed out".
      return true
    default:
      return answer == observed
    }
  }

  /// `said` is `ran`, or `ran` with some near-tied tasks swapped.
  private static func sameOrder(_ said: [String], _ ran: [String], endTimes: [String: Double]) -> Bool {
    guard said.count == ran.count, said.sorted() == ran.sorted() else { return false }
    guard said != ran else { return true }
    // Every pair the answer puts the other way round must have ended within the tolerance.
    for first in said.indices {
      for second in said.indices where second > first {
        guard let a = ran.firstIndex(of: said[first]), let b = ran.firstIndex(of: said[second]), a > b else { continue }
        guard let endA = endTimes[said[first]], let endB = endTimes[said[second]],
          abs(endA - endB) <= tieTolerance + 1e-9
        else { return false }
      }
    }
    return true
  }
}
