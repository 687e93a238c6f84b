import Clocks
import Synchronization

/// swift-clocks' `TestClock`, which also knows which tasks are asleep on it and when each task
/// last woke up.
///
/// Two races make a plain `TestClock` flaky on a loaded machine, and this clock removes both:
/// - a task that goes to sleep after the test moved time on computes its deadline from the later
///   time and wakes late, or never. ``pendingSleepers`` lets ``ScriptedRun`` wait until every
///   expected sleep is registered before it moves time.
/// - a woken task may print after the test has moved time on again, so reading `now` at the print
///   would stamp it late. ``timeSeenByCurrentTask`` is the instant the task itself woke at.
final class CountingTestClock: Clock, Sendable {
  typealias Duration = Swift.Duration
  typealias Instant = TestClock<Duration>.Instant

  private let base = TestClock()
  private let deadlines = Mutex<[Int: Instant]>([:])
  private let wakeTimes = Mutex<[Int: Instant]>([:])
  private let nextID = Atomic<Int>(0)

  var now: Instant { base.now }
  var minimumResolution: Duration { base.minimumResolution }

  func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
    deadlines.withLock { $0[id] = deadline }
    defer { deadlines.withLock { _ = $0.removeValue(forKey: id) } }
    try await base.sleep(until: deadline, tolerance: tolerance)
    if let task = Self.currentTaskKey {
      wakeTimes.withLock { $0[task] = deadline }
    }
  }

  /// Tasks asleep with a deadline still ahead: those a later `advance` will have to wake.
  var pendingSleepers: Int {
    let now = base.now
    return deadlines.withLock { $0.values.count(where: { $0 > now }) }
  }

  /// Tasks already woken (their deadline has passed) that have not run again yet.
  var wokenSleepers: Int {
    let now = base.now
    return deadlines.withLock { $0.values.count(where: { $0 <= now }) }
  }

  /// The time as the calling task knows it: the deadline it last woke at, or `now` for a task
  /// that never slept on this clock.
  var timeSeenByCurrentTask: Instant {
    guard let task = Self.currentTaskKey, let woke = wakeTimes.withLock({ $0[task] }) else {
      return now
    }
    return woke
  }

  /// Moves time on to `deadline`, waking every sleeper due by then in deadline order.
  func advance(to deadline: Instant) async {
    await base.advance(to: deadline)
  }

  private static var currentTaskKey: Int? {
    withUnsafeCurrentTask { $0?.hashValue }
  }
}
