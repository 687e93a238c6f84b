import Clocks
import Synchronization

/// What a snippet printed, each line stamped with the test clock's time: the test's console.
final class Transcript: Sendable {
  /// The transcript of the snippet running in this task, if a test is recording it.
  @TaskLocal static var current: Transcript?

  private let clock: TestClock<Duration>
  private let entries = Mutex<[String]>([])
  private let returned = Mutex<Double?>(nil)

  init(clock: TestClock<Duration>) {
    self.clock = clock
  }

  /// Virtual seconds since the clock started.
  var secondsElapsed: Double {
    let elapsed = TestClock<Duration>.Instant().duration(to: clock.now).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
  }

  func record(_ line: String) {
    let stamped = "\(secondsElapsed)s \(line)"
    entries.withLock { $0.append(stamped) }
  }

  var lines: [String] { entries.withLock { $0 } }

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
