import Synchronization
import TestSupport

/// What a snippet printed, each line stamped with the test clock's time: the test's console.
final class Transcript: Sendable {
  /// The transcript of the snippet running in this task, if a test is recording it.
  @TaskLocal static var current: Transcript?

  private let clock: ClockStepper
  private let entries = Mutex<[(seconds: Double, text: String)]>([])
  private let returned = Mutex<Double?>(nil)

  init(clock: ClockStepper) {
    self.clock = clock
  }

  /// Virtual seconds since the clock started, as the calling task sees them, to a tenth of a
  /// second (``ScriptedRun`` moves the clock a hair past each instant it is asked for).
  var secondsElapsed: Double {
    let elapsed = ClockStepper.Instant().duration(to: clock.timeSeenByCurrentTask).components
    let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    return (seconds * 10).rounded() / 10
  }

  /// Records `line` with the calling task's time. Lines are kept in time order: a task that
  /// woke first but printed a moment later still comes first.
  func record(_ line: String) {
    let entry = (seconds: secondsElapsed, text: line)
    entries.withLock { entries in
      let position = entries.lastIndex(where: { $0.seconds <= entry.seconds }).map { $0 + 1 } ?? 0
      entries.insert(entry, at: position)
    }
  }

  /// "1.0s Task B done", in time order.
  var lines: [String] {
    entries.withLock { $0.map { "\($0.seconds)s \($0.text)" } }
  }

  /// Notes the time the snippet returned or threw.
  func markReturned() {
    let now = secondsElapsed
    returned.withLock { $0 = now }
  }

  /// When the snippet returned or threw, in virtual seconds; nil while it runs.
  var secondsWhenReturned: Double? { returned.withLock { $0 } }
}

/// The lessons' Swift snippets print as any program does. This `print` shadows the standard
/// library's inside this test module, so the very same snippet text, run by a test, writes into
/// the task's ``Transcript`` (child tasks inherit it) instead of stdout.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
  let line = items.map { "\($0)" }.joined(separator: separator)
  if let transcript = Transcript.current {
    transcript.record(line)
  } else {
    Swift.print(line, terminator: terminator)
  }
}
