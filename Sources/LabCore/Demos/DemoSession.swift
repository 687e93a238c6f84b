import GatherKit
import LabTerminal
import Synchronization

/// A demo run in progress: what the demo's code reports to, and what the views read.
///
/// The demo gets its clock and an observer per phase from here, and says when its caller's
/// `await` returned or threw; the session timestamps everything in nominal seconds since the
/// start, keeps one timeline row per task, streams each entry to `log` as it happens, and builds
/// the final `DemoReport`.
public final class DemoSession<C: Clock>: Sendable where C.Duration == Duration {
  public let clock: C
  public let plan: DemoPlan
  private let start: C.Instant
  private let log: @Sendable (DemoLogEntry) -> Void
  private let timeline: Mutex<RunTimeline>

  /// - Parameters:
  ///   - clock: the clock the demo waits on (a `ScaledClock` for real runs, a test clock in tests).
  ///   - plan: the demo's tasks and nominal timing.
  ///   - log: told about every phase, task event, join and deadline as it happens, in order.
  public init(clock: C, plan: DemoPlan, log: @escaping @Sendable (DemoLogEntry) -> Void = { _ in }) {
    self.clock = clock
    self.plan = plan
    self.log = log
    start = clock.now
    timeline = Mutex(RunTimeline(plan: plan))
    if let deadline = plan.deadline { log(.deadline(time: deadline)) }
  }

  /// Nominal seconds since the demo started.
  public var elapsed: Double { seconds(clock.now) }

  private func seconds(_ instant: C.Instant) -> Double {
    let duration = start.duration(to: instant)
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// Applies `entry` to the timeline and logs it as applied, in one step, so the log stays in
  /// the order the timeline saw.
  private func apply(_ entry: DemoLogEntry) {
    timeline.withLock { timeline in
      log(timeline.apply(entry))
    }
  }

  // MARK: - What demos call

  /// Records an entry another runtime measured (a Python twin's), its time already in nominal
  /// seconds since that run started. A deadline the plan already set is not logged twice.
  public func record(_ entry: DemoLogEntry) {
    if case .deadline(let time) = entry, let planned = plan.deadline, abs(time - planned) < 0.05 {
      timeline.withLock { _ = $0.apply(entry) }
      return
    }
    apply(entry)
  }

  /// Starts the named phase (one of `plan.phases`); later observers and joins belong to it.
  public func beginPhase(_ name: String) {
    apply(.phase(name: name, number: (plan.phases.firstIndex(of: name) ?? 0) + 1, time: elapsed))
  }

  /// An observer for the current phase's tasks; operation `index` is the phase's task `index`.
  public func observer() -> TaskObserver<String, C.Instant> {
    observer(phase: timeline.withLock { $0.phase })
  }

  /// An observer for the tasks the plan puts in `phase`: a phase of its own for rows beside the
  /// tasks (a consumer's handling, a producer), or nil for the tasks of a demo without phases.
  public func observer(phase: String?) -> TaskObserver<String, C.Instant> {
    let names = plan.tasks.filter { $0.phase == phase }.map(\.name)
    return TaskObserver { [self] index, event, instant in
      guard names.indices.contains(index) else { return }
      apply(.event(Self.event(event, task: names[index], phase: phase, at: seconds(instant))))
    }
  }

  private static func event(_ event: TaskEvent<String>, task: String, phase: String?, at time: Double) -> DemoEvent {
    switch event {
    case .waiting: DemoEvent(time: time, task: task, kind: .waiting, phase: phase)
    case .started: DemoEvent(time: time, task: task, kind: .started, phase: phase)
    case .finished(let value): DemoEvent(time: time, task: task, kind: .finished, value: value, phase: phase)
    case .failed(let error): DemoEvent(time: time, task: task, kind: .failed, error: describe(error), phase: phase)
    case .cancelled: DemoEvent(time: time, task: task, kind: .cancelled, phase: phase)
    }
  }

  /// The caller's `await` returned: `label` says what returned ("gather returned"), `values`
  /// what it gave back (quoted as strings unless `quoted` is false).
  public func returned(_ label: String, _ values: [String] = [], quoted: Bool = true) {
    let shown = values.map { quoted ? "\"\($0)\"" : $0 }
    apply(.join(DemoJoin(
      time: elapsed, label: label, detail: "[" + shown.joined(separator: ", ") + "]", outcome: .returned, slots: shown
    )))
  }

  /// Task `task` received its cancellation and runs on: its cleanup, or, if it swallows the
  /// cancellation, more work. The timeline draws what it does from now on apart.
  public func cancelling(_ task: String) {
    let phase = timeline.withLock { $0.phase }
    apply(.event(DemoEvent(time: elapsed, task: task, kind: .cancelling, phase: phase)))
  }

  /// The caller's `await` threw `error`. Tasks still running now are orphans: nobody will read
  /// their results. `timeoutLabel` is what the timeline marks when `error` is a timeout, when
  /// "deadline passed" would not be true of that moment (a block that ended after its deadline).
  public func caught(_ error: any Error, timeoutLabel: String = "deadline passed") {
    let outcome: DemoReport.Outcome
    let label: String
    if error is TimeoutError {
      (outcome, label) = (.timedOut, timeoutLabel)
    } else if error is CancellationError, Task.isCancelled {
      (outcome, label) = (.interrupted, "interrupted")
    } else {
      (outcome, label) = (.threw, "error reached the caller")
    }
    let text = Self.describe(error)
    apply(.join(DemoJoin(time: elapsed, label: label, detail: text, outcome: outcome, error: text)))
  }

  /// Awaits `tasks` as Python's asyncio.gather does and records what the caller got, then
  /// watches the tasks nobody awaits any more (the orphans an error leaves running) until they
  /// end, so the timeline shows what became of them. Stopping the demo cancels them.
  ///
  /// ```swift
  /// let tasks = UnstructuredTasks(operations, clock: clock, observer: observer)
  /// await session.gatherWatchingOrphans(tasks)
  /// ```
  public func gatherWatchingOrphans(_ tasks: UnstructuredTasks<String>) async {
    do {
      let results = try await tasks.gather()
      returned("gather returned", results)
    } catch {
      caught(error)
    }
    await withTaskCancellationHandler {
      _ = await tasks.settle()
    } onCancel: {
      tasks.cancelAll()
    }
  }

  /// How an error reads in timelines and reports: its description, or "cancelled".
  public static func describe(_ error: any Error) -> String {
    if error is CancellationError { return "cancelled" }
    return String(describing: error)
  }

  // MARK: - What views read

  /// The timeline as it stands now.
  public func snapshot(title: String, speed: Double, isFinal: Bool = false) -> TimelineSnapshot {
    let now = elapsed
    return timeline.withLock { $0.snapshot(title: title, speed: speed, now: now, isFinal: isFinal) }
  }

  /// The report once the demo has ended, or was interrupted.
  func report(demo: String, parameters: DemoParameters, speed: Double) -> DemoReport {
    let now = elapsed
    return timeline.withLock { $0.report(demo: demo, parameters: parameters, speed: speed, now: now) }
  }

  /// Marks the run as interrupted now, unless the caller had already resumed.
  func interrupt() {
    let now = elapsed
    timeline.withLock { timeline in
      let joined = timeline.hasJoined
      let entry = timeline.apply(.join(DemoJoin(
        time: now, label: "interrupted", detail: "Ctrl-C", outcome: .interrupted
      )))
      // Only a run stopped before its caller resumed gets the marker in the log.
      if !joined { log(entry) }
    }
  }
}
