import Clocks

/// A lesson snippet started on a `TestClock`, whose time the test moves on by hand.
///
/// The snippet runs in its own task with a fresh ``Transcript`` bound, so everything it prints is
/// recorded with the virtual time it was printed at. A test advances the clock to the instants
/// the lesson talks about and checks the picture at each one:
///
/// ```swift
/// let run = ScriptedRun { clock in try await threeJobs(clock: clock) }
/// await run.advance(to: 3)
/// #expect(run.lines == ["1.0s Task B done", "2.0s Task C done", "3.0s Task A done"])
/// #expect(try await run.value() == ["A", "B", "C"])
/// ```
final class ScriptedRun<Value: Sendable>: Sendable {
  let clock: TestClock<Duration>
  let transcript: Transcript
  private let task: Task<Value, any Error>

  init(_ snippet: @escaping @Sendable (TestClock<Duration>) async throws -> Value) {
    let clock = TestClock()
    let transcript = Transcript(clock: clock)
    self.clock = clock
    self.transcript = transcript
    task = Task {
      defer { transcript.markReturned() }
      return try await Transcript.$current.withValue(transcript) {
        try await snippet(clock)
      }
    }
  }

  /// Moves the test clock on to `seconds` after the start, waking every sleeper due by then in
  /// deadline order and letting the woken tasks run before it returns.
  func advance(to seconds: Double) async {
    await clock.advance(to: TestClock<Duration>.Instant(offset: .seconds(seconds)))
  }

  /// The lines printed so far, each prefixed with its virtual time: "1.0s Task B done".
  var lines: [String] { transcript.lines }

  /// When the snippet returned or threw, in virtual seconds; nil while it is still running.
  var secondsWhenReturned: Double? { transcript.secondsWhenReturned }

  /// What the snippet returned, or the error it threw. Advance the clock far enough first.
  func value() async throws -> Value {
    try await task.value
  }

  /// The error the snippet threw, or nil if it returned.
  func error() async -> (any Error)? {
    do {
      _ = try await task.value
      return nil
    } catch {
      return error
    }
  }
}
