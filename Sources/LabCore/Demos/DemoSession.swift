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
  private let state: Mutex<State>

  struct State {
    var rows: [TimelineRow]
    var phase: String?
    var phaseStarts: [String: Double] = [:]
    var joins: [(phase: String?, time: Double, label: String)] = []
    var outcome: DemoReport.Outcome?
    var error: String?
    /// Tasks that finished or failed so far, per phase: the next finish rank.
    var endedCount: [String: Int] = [:]
    var finishOrder: [String?: [String]] = [:]
    var running = 0
    var existing = 0
    var maxRunning = 0
    var maxExisting = 0
    /// The time of the last event logged.
    var lastTime = 0.0
  }

  /// - Parameters:
  ///   - clock: the clock the demo waits on (a `ScaledClock` for real runs, a test clock in tests).
  ///   - plan: the demo's tasks and nominal timing.
  ///   - log: told about every phase, task event and join as it happens, in order.
  public init(clock: C, plan: DemoPlan, log: @escaping @Sendable (DemoLogEntry) -> Void = { _ in }) {
    self.clock = clock
    self.plan = plan
    self.log = log
    start = clock.now
    let rows = plan.tasks.enumerated().map { offset, task in
      TimelineRow(name: task.name, slot: Self.slot(of: offset, in: plan), phase: task.phase)
    }
    state = Mutex(State(rows: rows))
  }

  private static func slot(of offset: Int, in plan: DemoPlan) -> Int {
    let phase = plan.tasks[offset].phase
    return plan.tasks[..<offset].filter { $0.phase == phase }.count + 1
  }

  /// Nominal seconds since the demo started.
  public var elapsed: Double { seconds(clock.now) }

  private func seconds(_ instant: C.Instant) -> Double {
    let duration = start.duration(to: instant)
    return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  // MARK: - What demos call

  /// Starts the named phase (one of `plan.phases`); later observers and joins belong to it.
  public func beginPhase(_ name: String) {
    let now = elapsed
    state.withLock { state in
      state.phase = name
      state.phaseStarts[name] = now
      log(.phase(name: name, number: (plan.phases.firstIndex(of: name) ?? 0) + 1, time: now))
    }
  }

  /// An observer for the current phase's tasks; operation `index` is the phase's task `index`.
  public func observer() -> TaskObserver<String, C.Instant> {
    let phase = state.withLock { $0.phase }
    let offsets = plan.tasks.indices.filter { plan.tasks[$0].phase == phase }
    return TaskObserver { [self] index, event, instant in
      guard offsets.indices.contains(index) else { return }
      record(event, row: offsets[index], at: seconds(instant))
    }
  }

  /// The caller's `await` returned: `label` says what returned ("gather returned"), `values`
  /// what it gave back (quoted as strings unless `quoted` is false).
  public func returned(_ label: String, _ values: [String] = [], quoted: Bool = true) {
    let shown = values.map { quoted ? "\"\($0)\"" : $0 }
    join(label: label, detail: "[" + shown.joined(separator: ", ") + "]", outcome: .returned, error: nil)
  }

  /// The caller's `await` threw `error`. Tasks still running now are orphans: nobody will read
  /// their results.
  public func caught(_ error: any Error) {
    let outcome: DemoReport.Outcome
    let label: String
    if error is TimeoutError {
      (outcome, label) = (.timedOut, "deadline passed")
    } else if error is CancellationError, Task.isCancelled {
      (outcome, label) = (.interrupted, "interrupted")
    } else {
      (outcome, label) = (.threw, "error reached the caller")
    }
    join(label: label, detail: Self.describe(error), outcome: outcome, error: Self.describe(error))
    guard outcome == .threw else { return }
    state.withLock { state in
      for row in state.rows.indices where state.rows[row].phase == state.phase && !state.rows[row].state.hasEnded {
        state.rows[row].isOrphan = state.rows[row].state == .running || state.rows[row].state == .waiting
      }
    }
  }

  /// How an error reads in timelines and reports: its description, or "cancelled".
  public static func describe(_ error: any Error) -> String {
    if error is CancellationError { return "cancelled" }
    return String(describing: error)
  }

  private func join(label: String, detail: String, outcome: DemoReport.Outcome, error: String?) {
    let now = elapsed
    state.withLock { state in
      state.joins.append((state.phase, now, label))
      state.outcome = outcome
      state.error = error
      log(.join(time: now, label: label, detail: detail))
    }
  }

  // MARK: - Recording

  private func record(_ event: TaskEvent<String>, row index: Int, at measured: Double) {
    state.withLock { state in
      // Two tasks can read the clock in one order and take the lock in the other; a few
      // microseconds' correction keeps the log in time order.
      let time = max(measured, state.lastTime)
      state.lastTime = time
      var row = state.rows[index]
      let kind: DemoEvent.Kind
      var value: String?
      var error: String?
      switch event {
      case .waiting:
        kind = .waiting
        row.state = .waiting
        row.waitingSince = time
        state.existing += 1
      case .started:
        kind = .started
        if row.waitingSince == nil { state.existing += 1 }
        row.state = .running
        row.startedAt = time
        state.running += 1
      case .finished(let result):
        kind = .finished
        value = result
        row.state = .finished(value: result)
      case .failed(let failure):
        kind = .failed
        error = Self.describe(failure)
        row.state = .failed(error: Self.describe(failure))
      case .cancelled:
        kind = .cancelled
        row.state = .cancelled
      }
      if row.state.hasEnded {
        if row.startedAt != nil { state.running -= 1 }
        state.existing -= 1
        row.endedAt = time
        state.finishOrder[row.phase, default: []].append(row.name)
        if kind != .cancelled {
          let phaseKey = row.phase ?? ""
          state.endedCount[phaseKey, default: 0] += 1
          row.finishRank = state.endedCount[phaseKey]
        }
      }
      state.maxRunning = max(state.maxRunning, state.running)
      state.maxExisting = max(state.maxExisting, state.existing)
      state.rows[index] = row
      log(.event(DemoEvent(
        time: time, task: row.name, kind: kind, value: value, error: error, phase: row.phase, isOrphan: row.isOrphan
      )))
    }
  }

  // MARK: - What views read

  /// The timeline as it stands now.
  public func snapshot(title: String, speed: Double, isFinal: Bool = false) -> TimelineSnapshot {
    let now = elapsed
    return state.withLock { state in
      TimelineSnapshot(
        title: title,
        speed: speed,
        now: now,
        horizon: plan.horizon,
        rows: state.rows,
        phases: plan.phases,
        join: state.joins.last.map { TimelineMarker(time: $0.time, label: $0.label) },
        deadline: plan.deadline,
        isFinal: isFinal
      )
    }
  }

  /// The report once the demo has ended, or was interrupted.
  func report(demo: String, parameters: DemoParameters, speed: Double) -> DemoReport {
    let now = elapsed
    return state.withLock { state in
      let lastPhase = plan.phases.last
      let phaseStart = lastPhase.flatMap { state.phaseStarts[$0] } ?? 0
      let lastJoin = state.joins.last
      let elapsed = (lastJoin?.time ?? now) - (lastJoin?.phase.flatMap { state.phaseStarts[$0] } ?? phaseStart)
      var phaseTimes: [DemoReport.PhaseTime] = []
      for join in state.joins {
        guard let phase = join.phase else { continue }
        phaseTimes.append(.init(phase: phase, elapsed: join.time - (state.phaseStarts[phase] ?? 0)))
      }
      let rows = state.rows.filter { $0.phase == lastPhase }
      let results = rows.map { row -> (task: String, result: DemoReport.SlotResult) in
        switch row.state {
        case .finished(let value): (row.name, .value(value, lost: state.outcome == .threw))
        case .failed(let error): (row.name, .error(error))
        case .cancelled: (row.name, .cancelled)
        case .pending, .waiting, .running: (row.name, .unfinished)
        }
      }
      let orphans = rows.filter(\.isOrphan)
      return DemoReport(
        demo: demo,
        parameters: parameters,
        speed: speed,
        outcome: state.outcome ?? .interrupted,
        elapsed: elapsed,
        ideal: plan.ideal,
        sequential: phaseTimes.count > 1 ? phaseTimes[0].elapsed : plan.sequential,
        phaseTimes: phaseTimes,
        results: results,
        error: state.error,
        finishOrder: state.finishOrder[lastPhase] ?? [],
        orphans: orphans.map(\.name),
        orphansSettledAt: orphans.compactMap(\.endedAt).max(),
        maxRunning: state.maxRunning,
        maxExisting: state.maxExisting
      )
    }
  }

  /// Marks the run as interrupted now, unless the caller had already resumed.
  func interrupt() {
    let alreadyJoined = state.withLock { $0.outcome != nil }
    if !alreadyJoined {
      join(label: "interrupted", detail: "Ctrl-C", outcome: .interrupted, error: nil)
    } else {
      state.withLock { $0.outcome = .interrupted }
    }
  }
}
