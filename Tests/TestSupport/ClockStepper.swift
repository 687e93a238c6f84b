import Clocks
import GatherKit
import Synchronization
import Testing

/// The test clock of gatherlab's tests, and the one way to move it: a clock whose time moves
/// only when the test moves it, one deadline at a time, each time once the code under test has
/// done everything it can do at that instant. (Its instants are swift-clocks' `TestClock`'s.)
///
/// The code under test runs on the clock's ``executor``, which counts the jobs it has queued and
/// running; start it with ``runToEnd(step:limit:patience:sourceLocation:_:)`` (the clock moves
/// until the body returns) or ``start(_:)`` (the test moves the clock by hand):
///
/// ```swift
/// let clock = ClockStepper()
/// let report = await clock.runToEnd { await playback.play(demo, parameters: parameters, clock: clock) }
/// ```
///
/// Three races make a test clock flaky on a loaded machine, and this clock removes them:
/// - Waking the sleepers due by a target without waiting for each woken task to do its work
///   lets their events carry a later instant (swift-clocks' `TestClock.advance(to:)` yields a
///   few times between deadlines; the old version of this clock took 500 quiet yields to mean
///   "done"). This clock wakes the sleepers of the next deadline only, then ``settle()``s: waits
///   until its executor has nothing queued or running and every woken sleeper has run again. That
///   is a counted fact, not a quiet spell, so every event keeps the instant it happened at however
///   slow the machine is, and waiting costs no yields.
/// - A task that goes to sleep after the test moved time on computes its deadline from the later
///   time and wakes late, or never. ``pendingSleepers`` counts the sleeps registered, and once
///   the executor is quiet nobody can register another without time moving.
/// - A woken task may print after the test has moved time on again, so reading `now` at the print
///   would stamp it late. ``timeSeenByCurrentTask`` is the instant the task itself woke at.
///
/// A sleep until `now` (or earlier) waits, as `TestClock`'s does, until everything else at this
/// instant has settled, then wakes without time moving.
///
/// Code under test that starts a plain `Task { }` leaves the executor (it does not inherit the
/// preference); ``start(_:)`` binds ``TaskPlacement/executor`` so GatherKit's unstructured tasks
/// stay on it. Work from outside (a process's output) is not counted: tests that wait for it say
/// what they wait for (``waitUntil(patience:_:)``). Real time appears only as `patience`, a limit
/// that fails a test that would otherwise hang, never as part of deciding that work is done.
public final class ClockStepper: Clock, Sendable {
  public typealias Duration = Swift.Duration
  public typealias Instant = TestClock<Duration>.Instant

  /// Where the code under test runs: one thread that knows when it has nothing left to do.
  public let executor = QuiescenceExecutor(name: "ClockStepper")

  private struct Sleeper {
    let deadline: Instant
    let continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var now = Instant()
    /// Sleeps not woken yet, by the order they were registered in.
    var sleepers: [Int: Sleeper] = [:]
    /// Sleeps woken whose task has not run again yet.
    var woken: Set<Int> = []
    var nextID = 0
    /// The deadline each task last woke at, by the runtime's task id.
    var wakeTimes: [UInt64: Instant] = [:]
  }

  private let state = Mutex(State())

  public init() {}

  // MARK: - The clock the code under test sleeps on

  public var now: Instant { state.withLock { $0.now } }
  public var minimumResolution: Duration { .zero }

  public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
    let id = state.withLock { state in
      state.nextID += 1
      return state.nextID
    }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        // Under the lock that the cancellation handler takes too: either it finds the sleeper,
        // or the sleeper sees the cancellation here.
        let cancelled = state.withLock { state in
          if Task.isCancelled { return true }
          state.sleepers[id] = Sleeper(deadline: deadline, continuation: continuation)
          return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
      }
    } onCancel: {
      // One already woken runs on: its wake-up won the race.
      let sleeper = state.withLock { $0.sleepers.removeValue(forKey: id) }
      sleeper?.continuation.resume(throwing: CancellationError())
    }
    let task = Self.currentTaskKey
    state.withLock { state in
      state.woken.remove(id)
      if let task { state.wakeTimes[task] = deadline }
    }
  }

  /// Sleeps with a deadline still ahead: those a later advance will have to wake.
  public var pendingSleepers: Int {
    state.withLock { state in state.sleepers.values.count(where: { $0.deadline > state.now }) }
  }

  /// Sleeps whose deadline has come that have not run again yet.
  public var wokenSleepers: Int {
    state.withLock { state in state.sleepers.values.count(where: { $0.deadline <= state.now }) + state.woken.count }
  }

  /// The earliest deadline still ahead.
  private var nextDeadline: Instant? {
    state.withLock { state in state.sleepers.values.map(\.deadline).filter { $0 > state.now }.min() }
  }

  /// Moves the time on to `instant` (never back) and wakes every sleeper due by then, in deadline
  /// order, then registration order; returns how many it woke.
  @discardableResult
  private func wake(at instant: Instant) -> Int {
    let due = state.withLock { state -> [Sleeper] in
      state.now = max(state.now, instant)
      let ids = state.sleepers.filter { $0.value.deadline <= state.now }
        .sorted { ($0.value.deadline, $0.key) < ($1.value.deadline, $1.key) }.map(\.key)
      state.woken.formUnion(ids)
      return ids.compactMap { state.sleepers.removeValue(forKey: $0) }
    }
    for sleeper in due { sleeper.continuation.resume() }
    return due.count
  }

  /// The time as the calling task knows it: the deadline it last woke at, or `now` for a task
  /// that never slept on this clock.
  public var timeSeenByCurrentTask: Instant {
    guard let task = Self.currentTaskKey, let woke = state.withLock({ $0.wakeTimes[task] }) else {
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

  // MARK: - Starting the code under test

  /// Starts `body` as code under test: on ``executor``, with ``TaskPlacement/executor`` bound to
  /// it so the unstructured tasks it starts run there too. The test then moves the clock.
  @discardableResult
  public func start<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> Task<T, Never> {
    Task(executorPreference: executor) { [executor] in
      await TaskPlacement.$executor.withValue(executor) { await body() }
    }
  }

  /// Starts a throwing `body` as code under test; see ``start(_:)``.
  @discardableResult
  public func start<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Task<T, any Error> {
    Task(executorPreference: executor) { [executor] in
      try await TaskPlacement.$executor.withValue(executor) { try await body() }
    }
  }

  /// Runs `body` as the code under test and moves the clock until it has returned: the run's end,
  /// not a quiet spell, says when to stop.
  ///
  /// The clock moves in `step`s (nominal frames land on that grid), each step deadline by
  /// deadline, so every event keeps its own instant. It stops with a recorded issue after
  /// `limit` of virtual time, or when the body waits for something only the world outside could
  /// bring and nothing came within `patience` of real time.
  public func runToEnd<T: Sendable>(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    patience: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async -> T
  ) async -> T {
    let finished = FinishFlag()
    let task = start {
      let value = await body()
      finished.set()
      return value
    }
    await run(step: step, limit: limit, patience: patience, sourceLocation: sourceLocation) { finished.isSet }
    return await task.value
  }

  /// A throwing `body`; see ``runToEnd(step:limit:patience:sourceLocation:_:)``.
  public func runToEnd<T: Sendable>(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    patience: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    let finished = FinishFlag()
    let task = start {
      defer { finished.set() }
      return try await body()
    }
    await run(step: step, limit: limit, patience: patience, sourceLocation: sourceLocation) { finished.isSet }
    return try await task.value
  }

  // MARK: - Moving it from the test

  /// Returns once the code under test has done everything it can at this instant: the executor
  /// has nothing queued or running and every sleeper whose deadline has come has run again.
  ///
  /// Sleeps registered for the current instant (or earlier) are woken here, each time the rest
  /// has gone quiet. Returns false, with a recorded issue, if a woken sleeper still has not run
  /// after `patience` of real time: one running off the executor, stuck.
  @discardableResult
  public func settle(
    patience: Duration = .seconds(60), sourceLocation: SourceLocation = #_sourceLocation
  ) async -> Bool {
    var giveUp: ContinuousClock.Instant?
    while true {
      await executor.quiet()
      if wake(at: now) > 0 { continue }
      if wokenSleepers == 0 { return true }
      // A woken sleeper that runs off the executor (a plain `Task { }`): wait for it.
      let limit = giveUp ?? ContinuousClock.now.advanced(by: patience)
      giveUp = limit
      guard ContinuousClock.now < limit else {
        Issue.record("ClockStepper: \(wokenSleepers) woken sleepers never ran again", sourceLocation: sourceLocation)
        return false
      }
      await Task.yield()
    }
  }

  /// Advances the clock by `duration`, deadline by deadline, settling at each.
  public func advance(by duration: Duration) async {
    await advance(to: now.advanced(by: duration))
  }

  /// Moves the clock on to `target`: settles, then wakes the sleepers due at the next deadline
  /// and settles again, deadline by deadline, so each woken task runs at its own instant.
  public func advance(to target: Instant) async {
    await settle()
    while let next = nextDeadline, next <= target {
      wake(at: next)
      await settle()
    }
    if now < target {
      wake(at: target)
      await settle()
    }
  }

  /// Waits until exactly `sleepers` sleeps are pending, the code under test settled, then moves
  /// the clock on to `deadline`. Returns false, without moving the clock, if that never happened
  /// within `patience` of real time.
  ///
  /// Pass the number of sleeps the expected timeline has pending at this point: once the code
  /// under test has settled no other sleep can appear, so a different count is a wrong timeline
  /// (or work still coming from outside the executor, which `patience` waits for).
  public func advance(to deadline: Instant, onceSleeping sleepers: Int, patience: Duration = .seconds(10)) async -> Bool {
    let ready = await waitUntil(patience: patience) { pendingSleepers == sleepers }
    if ready { await advance(to: deadline) }
    return ready
  }

  /// Settles, then checks `condition`; until it holds, waits for work from outside the executor
  /// (yielding) and checks again. False if it still does not hold after `patience` of real time.
  public func waitUntil(patience: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
    let giveUp = ContinuousClock.now.advanced(by: patience)
    while true {
      await settle(patience: patience)
      if condition() { return true }
      guard ContinuousClock.now < giveUp else { return false }
      await Task.yield()
    }
  }

  /// Moves the clock in `step`s until `finished` says the run is over.
  ///
  /// No heuristics: after each settle the code under test is quiet, so either a sleeper is
  /// pending (moving time is the only thing that can wake it) or nothing sleeps, and then only
  /// work from outside the executor can move the run on: that is waited for, within `patience`.
  func run(
    step: Duration = .milliseconds(500),
    limit: Duration = .seconds(120),
    patience: Duration = .seconds(60),
    sourceLocation: SourceLocation = #_sourceLocation,
    until finished: @Sendable () -> Bool
  ) async {
    await settle(sourceLocation: sourceLocation)
    var elapsed = Duration.zero
    while !finished() {
      if pendingSleepers == 0 {
        let moved = await waitUntil(patience: patience) { finished() || pendingSleepers > 0 }
        if !moved {
          Issue.record(
            "ClockStepper: the run is quiet, not finished, and nothing sleeps on the clock (after \(patience) of real time)",
            sourceLocation: sourceLocation
          )
          return
        }
        continue
      }
      guard elapsed < limit else {
        Issue.record("ClockStepper: the run had not finished after \(limit) of virtual time", sourceLocation: sourceLocation)
        return
      }
      await advance(by: step)
      elapsed += step
    }
  }
}

/// `swift_task_getJobTaskId`: the runtime's unique id of a task (a job).
@_silgen_name("swift_task_getJobTaskId")
private func swiftTaskID(_ job: UnsafeRawPointer) -> UInt64

/// Set once a run on a test clock has ended (for `runToEnd`).
final class FinishFlag: Sendable {
  private let state = Mutex(false)

  init() {}

  var isSet: Bool { state.withLock { $0 } }
  func set() { state.withLock { $0 = true } }
}
