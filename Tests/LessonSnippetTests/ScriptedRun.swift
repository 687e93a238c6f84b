import TestSupport
import Testing

/// A lesson snippet started on a test clock, whose time the test moves on by hand.
///
/// The snippet runs in its own task with a fresh ``Transcript`` bound, so everything it prints is
/// recorded with the virtual time it was printed at. A test moves the clock to the instants the
/// lesson talks about, each time once the snippet's tasks are asleep, and checks the picture:
///
/// ```swift
/// let run = ScriptedRun { clock in try await threeJobs(clock: clock) }
/// await run.advance(to: 3, onceSleeping: 3)
/// #expect(try await run.value() == ["A", "B", "C"])
/// #expect(run.lines == ["1.0s Task B done", "2.0s Task C done", "3.0s Task A done"])
/// ```
final class ScriptedRun<Value: Sendable>: Sendable {
  let clock: ClockStepper
  let transcript: Transcript
  private let task: Task<Value, any Error>

  init(_ snippet: @escaping @Sendable (ClockStepper) async throws -> Value) {
    let clock = ClockStepper()
    let transcript = Transcript(clock: clock)
    self.clock = clock
    self.transcript = transcript
    task = clock.start {
      defer { transcript.markReturned() }
      return try await Transcript.$current.withValue(transcript) {
        try await snippet(clock)
      }
    }
  }

  /// Waits until exactly `sleepers` tasks are asleep with a deadline ahead (and every task woken
  /// before has run again), then moves the clock on to `seconds` after the start, waking every
  /// sleeper due by then.
  ///
  /// Pass the number of sleeps the lesson's timeline has pending at this point: the clock must
  /// not move before they are registered, or they would wake late. Move one wake-up instant at a
  /// time. The clock goes a millisecond past `seconds`, so a sleep registered in the instant the
  /// clock moves still wakes; times are reported to a tenth of a second.
  func advance(
    to seconds: Double,
    onceSleeping sleepers: Int,
    sourceLocation: SourceLocation = #_sourceLocation
  ) async {
    let target = Duration.seconds(seconds) + .milliseconds(1)
    let moved = await clock.advance(to: ClockStepper.Instant(offset: target), onceSleeping: sleepers)
    if !moved {
      Issue.record("Expected \(sleepers) pending sleepers, found \(clock.pendingSleepers)", sourceLocation: sourceLocation)
    }
  }

  /// Waits until the snippet has printed `count` lines: needed before moving time on when a
  /// task that did not sleep (the snippet's own) is about to print.
  func waitForLines(_ count: Int, sourceLocation: SourceLocation = #_sourceLocation) async {
    let printed = await clock.waitUntil { lines.count >= count }
    if !printed {
      Issue.record("Expected \(count) lines, found \(lines)", sourceLocation: sourceLocation)
    }
  }

  /// The lines printed so far, each prefixed with its virtual time: "1.0s Task B done".
  var lines: [String] { transcript.lines }

  /// When the snippet returned or threw, in virtual seconds; nil while it is still running.
  var secondsWhenReturned: Double? { transcript.secondsWhenReturned }

  /// What the snippet returned, or the error it threw. Advance the clock far enough first.
  ///
  /// If the test is cancelled meanwhile (its time limit ran out), the snippet is cancelled too,
  /// so a test that forgot to advance the clock fails instead of hanging.
  func value() async throws -> Value {
    try await withTaskCancellationHandler {
      try await task.value
    } onCancel: {
      task.cancel()
    }
  }

  /// The error the snippet threw, or nil if it returned.
  func error() async -> (any Error)? {
    do {
      _ = try await value()
      return nil
    } catch {
      return error
    }
  }
}
