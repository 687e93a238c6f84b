import Clocks
import Synchronization

/// The test clock of gatherlab's tests, and the one way to move it: swift-clocks' `TestClock`,
/// stepped so that the tasks it wakes do their work before time moves on.
///
/// Pass it where the code under test takes a `Clock`, then move it from the test:
///
/// ```swift
/// let console = RecordingConsole(capabilities: .plain(width: 80))
/// let clock = ClockStepper { console.output.utf8.count }
/// let finished = FinishFlag()
/// let run = Task { await playback.play(demo, parameters: parameters, clock: clock); finished.set() }
/// await clock.run { finished.isSet }
/// ```
///
/// Three races make a plain `TestClock` flaky on a loaded machine, and this clock removes them:
/// - `TestClock.run()` jumps from one deadline to the next without waiting for the tasks it woke
///   to do their work, so their events could carry a later instant. ``advance(by:)`` and
///   ``run(step:limit:until:)`` move in small steps and ``settle()`` after each — yield until
///   `progress` stops changing — so every event keeps the instant it happened at.
/// - A task that goes to sleep after the test moved time on computes its deadline from the later
///   time and wakes late, or never. ``pendingSleepers`` counts the sleeps registered, so
///   ``advance(to:onceSleeping:)`` moves time only once every expected sleep is there.
/// - A woken task may print after the test has moved time on again, so reading `now` at the print
///   would stamp it late. ``timeSeenByCurrentTask`` is the instant the task itself woke at.
///
/// No wall-clock sleeping: waiting is yielding, with a limit in real time only to fail a test
/// that would otherwise hang.
public final class ClockStepper: Clock, Sendable {
  public typealias Duration = Swift.Duration
  public typealias Instant = TestClock<Duration>.Instant

  /// Something that grows as the code under test makes progress (events recorded, bytes written).
  public let progress: @Sendable () -> Int
  private let base = TestClock<Duration>()
  private let deadlines = Mutex<[Int: Instant]>([:])
  private let wakeTimes = Mutex<[UInt64: Instant]>([:])
  private let nextID = Atomic<Int>(0)

  public init(progress: @escaping @Sendable () -> Int = { 0 }) {
    self.progress = progress
  }

  // MARK: - The clock the code under test sleeps on

  public var now: Instant { base.now }
  public var minimumResolution: Duration { base.minimumResolution }

  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    let id = nextID.wrappingAdd(1, ordering: .relaxed).newValue
    deadlines.withLock { $0[id] = deadline }
    defer { deadlines.withLock { _ = $0.removeValue(forKey: id) } }
    try await base.sleep(until: deadline, tolerance: tolerance)
    if let task = Self.currentTaskKey {
      wakeTimes.withLock { $0[task] = deadline }
    }
  }

  /// Sleeps with a deadline still ahead: those a later advance will have to wake.
  public var pendingSleepers: Int {
    let now = base.now
    return deadlines.withLock { $0.values.count(where: { $0 > now }) }
  }

  /// Sleepers already woken (their deadline has passed) that have not run again yet.
  public var wokenSleepers: Int {
    let now = base.now
    return deadlines.withLock { $0.values.count(where: { $0 <= now }) }
  }

  /// The time as the calling task knows it: the deadline it last woke at, or `now` for a task
  /// that never slept on this clock.
  public var timeSeenByCurrentTask: Instant {
    guard let task = Self.currentTaskKey, let woke = wakeTimes.withLock({ $0[task] }) else {
      return now
    }
    return woke
  }

  /// The runtime's id of the calling task: unique for the process's life, unlike the task's
  /// address (or its hash), which a task created after another ended can reuse, and would then
  /// read the ended task's wake time.
  private static var currentTaskKey: UInt64? {
    withUnsafeCurrentTask { task in
      // UnsafeCurrentTask holds the task object, an AsyncTask, which is a runtime Job.
      task.map { swiftTaskID(unsafeBitCast($0, to: UnsafeRawPointer.self)) }
    }
  }

  // MARK: - Moving it from the test

  /// Yields until every sleeper the clock woke has run again (counted, not guessed: at most
  /// `patience` of real time, for a sleep the base clock holds until the next advance), then until
  /// `progress` has not changed for 500 yields in a row.
  public func settle(patience: Duration = .seconds(2)) async {
    let giveUp = ContinuousClock.now.advanced(by: patience)
    var last = -1
    var quietYields = 0
    while quietYields < 500 {
      await Task.yield()
      let current = progress()
      let woken = wokenSleepers == 0 || ContinuousClock.now >= giveUp
      quietYields = current == last && woken ? quietYields + 1 : 0
      last = current
    }
  }

  /// Advances the clock by `duration`, waking every sleeper due by then, and settles.
  public func advance(by duration: Duration) async {
    await base.advance(by: duration)
    await settle()
  }

  /// Moves the clock on to `deadline`, waking every sleeper due by then in deadline order, and
  /// settles.
  public func advance(to deadline: Instant) async {
    await base.advance(to: deadline)
    await settle()
  }

  /// Waits until exactly `sleepers` sleeps are pending (and every sleeper woken before has run
  /// again), then moves the clock on to `deadline`. Returns false, without moving the clock, if
  /// that never happened within `patience` of real time.
  ///
  /// Pass the number of sleeps the expected timeline has pending at this point: the clock must
  /// not move before they are registered, or they would wake late.
  public func advance(to deadline: Instant, onceSleeping sleepers: Int, patience: Duration = .seconds(10)) async -> Bool {
    let ready = await waitUntil(patience: patience) { pendingSleepers == sleepers && wokenSleepers == 0 }
    if ready { await advance(to: deadline) }
    return ready
  }

  /// Yields until `condition` holds; false if it still does not after `patience` of real time.
  public func waitUntil(patience: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let giveUp = ContinuousClock.now.advanced(by: patience)
    while !condition() {
      guard ContinuousClock.now < giveUp else { return false }
      await Task.yield()
    }
    return true
  }

  /// Advances in `step`s until `finished` says the run is over (or `limit` is reached). Where
  /// nothing sleeps on the clock yet, it waits (settles again) instead of stopping: on a loaded
  /// machine the woken tasks may take longer than one settle to reach their next sleep, and
  /// stopping then would leave them asleep on a clock nobody moves.
  public func run(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    until finished: @Sendable () -> Bool
  ) async {
    await settle()
    var elapsed = Duration.zero
    var idleSettles = 0
    while elapsed < limit, !finished(), idleSettles < 2_000 {
      if (try? await base.checkSuspension()) == nil {
        await advance(by: step)
        elapsed += step
        idleSettles = 0
      } else {
        await settle()
        idleSettles += 1
      }
    }
  }

  /// Runs `body` as the code under test and moves the clock until it has returned: the run's end,
  /// not a quiet spell, says when to stop.
  ///
  /// ```swift
  /// let report = await clock.runToEnd { await playback.play(demo, parameters: parameters, clock: clock) }
  /// ```
  public func runToEnd<T: Sendable>(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    _ body: @escaping @Sendable () async -> T
  ) async -> T {
    let finished = FinishFlag()
    let task = Task {
      let value = await body()
      finished.set()
      return value
    }
    await run(step: step, limit: limit) { finished.isSet }
    return await task.value
  }
}

/// `swift_task_getJobTaskId`: the runtime's unique id of a task (a job).
@_silgen_name("swift_task_getJobTaskId")
private func swiftTaskID(_ job: UnsafeRawPointer) -> UInt64

/// Set once a run on a test clock has ended, for `ClockStepper.run(until:)`.
public final class FinishFlag: Sendable {
  private let state = Mutex(false)

  public init() {}

  public var isSet: Bool { state.withLock { $0 } }
  public func set() { state.withLock { $0 = true } }
}
