import LabTerminal

/// The state of one run, built from its log entries alone: the timeline rows, the joins, the
/// counts of tasks running and existing, and from them the `TimelineSnapshot` and the
/// `DemoReport`.
///
/// It is pure, so every source of entries shares it: a live Swift run (`DemoSession` applies
/// what its observers see), a Python twin's JSON Lines, and a recording being replayed.
///
/// ```swift
/// var timeline = RunTimeline(plan: plan)
/// timeline.apply(.event(DemoEvent(time: 0, task: "A", kind: .started)))
/// timeline.apply(.event(DemoEvent(time: 1, task: "A", kind: .finished, value: "A")))
/// timeline.apply(.join(DemoJoin(time: 1, label: "gather returned", detail: "[\"A\"]", outcome: .returned)))
/// timeline.report(demo: "ordering", parameters: parameters, speed: 1, now: 1).finishOrder  // ["A"]
/// ```
public struct RunTimeline: Sendable {
  public let plan: DemoPlan
  public private(set) var rows: [TimelineRow]
  /// The phase later events belong to.
  public private(set) var phase: String?
  public private(set) var joins: [DemoJoin] = []
  /// The deadline on the axis: the plan's, or the last one a `.deadline` entry set.
  public private(set) var deadline: Double?
  /// The time of the last entry applied.
  public private(set) var lastTime = 0.0
  private var phaseStarts: [String: Double] = [:]
  private var joinPhases: [String?] = []
  private var outcome: DemoReport.Outcome?
  private var error: String?
  /// Tasks that finished or failed so far, per phase: the next finish rank.
  private var endedCount: [String: Int] = [:]
  private var finishOrder: [String: [String]] = [:]
  private var running = 0
  private var existing = 0
  private var maxRunning = 0
  private var maxExisting = 0
  /// Where each task's row is, and how many rows each phase has: a traced program can have
  /// thousands of tasks, and a search per event would make a run quadratic.
  private var rowIndices: [RowKey: Int] = [:]
  private var rowsPerPhase: [String?: Int] = [:]

  private struct RowKey: Hashable {
    var task: String
    var phase: String?
  }

  public init(plan: DemoPlan) {
    self.plan = plan
    deadline = plan.deadline
    rows = plan.tasks.enumerated().map { offset, task in
      TimelineRow(
        name: task.name, index: Self.index(of: offset, in: plan.tasks), phase: task.phase, plannedDuration: task.duration
      )
    }
    for (index, row) in rows.enumerated() {
      rowIndices[RowKey(task: row.name, phase: row.phase)] = rowIndices[RowKey(task: row.name, phase: row.phase)] ?? index
      rowsPerPhase[row.phase, default: 0] += 1
    }
  }

  /// The argument index of the task at `offset` within its phase, from 0.
  private static func index(of offset: Int, in tasks: [DemoPlan.PlannedTask]) -> Int {
    let phase = tasks[offset].phase
    return tasks[..<offset].filter { $0.phase == phase }.count
  }

  /// Whether the caller's `await` has resumed (returned, threw, timed out or was interrupted).
  public var hasJoined: Bool { outcome != nil }

  // MARK: - Applying entries

  /// Applies `entry` and returns it as recorded: a task event earlier than the last entry is moved
  /// to the last entry's time (two tasks can read the clock in one order and report in the
  /// other), and it carries whether its task is an orphan.
  @discardableResult
  public mutating func apply(_ entry: DemoLogEntry) -> DemoLogEntry {
    switch entry {
    case .phase(let name, _, let time):
      phase = name
      phaseStarts[name] = time
      lastTime = max(lastTime, time)
      return entry
    case .event(var event):
      event.time = max(event.time, lastTime)
      lastTime = event.time
      record(&event)
      return .event(event)
    case .join(let join):
      lastTime = max(lastTime, join.time)
      if join.outcome == .interrupted, outcome != nil {
        // Interrupted after the caller had resumed: the run, not the caller, was stopped; the
        // caller's resumption stays the marker on the axis.
        outcome = .interrupted
        return entry
      }
      joins.append(join)
      joinPhases.append(phase)
      outcome = join.outcome
      error = join.error
      if join.outcome == .threw {
        // Tasks that will still end (running, or waiting for a slot) are orphans.
        // Tasks still running or waiting now are orphans: nobody will read their results.
        for index in rows.indices where rows[index].phase == phase && !rows[index].state.hasEnded {
          rows[index].isOrphan = rows[index].state == .running || rows[index].state == .waiting
        }
      }
      return entry
    case .deadline(let time):
      deadline = time
      return entry
    }
  }

  private mutating func record(_ event: inout DemoEvent) {
    let index = rowIndex(task: event.task, phase: event.phase ?? phase)
    var row = rows[index]
    let time = event.time
    switch event.kind {
    case .waiting:
      if row.waitingSince == nil && row.startedAt == nil { existing += 1 }
      row.state = .waiting
      row.waitingSince = time
    case .started:
      if row.waitingSince == nil { existing += 1 }
      row.state = .running
      row.startedAt = time
      running += 1
    case .finished:
      row.state = .finished(value: event.value ?? "")
    case .failed:
      row.state = .failed(error: event.error ?? "failed")
    case .cancelled:
      row.state = .cancelled
    case .cancelling:
      row.cancellingSince = row.cancellingSince ?? time
    }
    if row.state.hasEnded, row.endedAt == nil {
      if row.startedAt != nil { running -= 1 }
      if row.startedAt != nil || row.waitingSince != nil { existing -= 1 }
      row.endedAt = time
      let phaseKey = row.phase ?? ""
      finishOrder[phaseKey, default: []].append(row.name)
      // A row alone beside the tasks (a producer) has no rank to show: first of one says nothing.
      let alone = row.phase.map { !plan.phases.contains($0) && rowsPerPhase[$0, default: 0] == 1 } ?? false
      if event.kind != .cancelled, !alone {
        endedCount[phaseKey, default: 0] += 1
        row.finishRank = endedCount[phaseKey]
      }
    }
    maxRunning = max(maxRunning, running)
    maxExisting = max(maxExisting, existing)
    row.isOrphan = row.isOrphan || event.isOrphan
    event.isOrphan = row.isOrphan
    event.phase = row.phase
    event.index = row.index
    event.rank = row.finishRank
    rows[index] = row
  }

  /// The row of `task` in `phase`; a task the plan did not list (a traced program's) gets a new row.
  private mutating func rowIndex(task: String, phase: String?) -> Int {
    if let index = rowIndices[RowKey(task: task, phase: phase)] { return index }
    if phase != nil, let index = rowIndices[RowKey(task: task, phase: nil)] { return index }
    let index = rowsPerPhase[phase, default: 0]
    rowsPerPhase[phase] = index + 1
    rows.append(TimelineRow(name: task, index: index, phase: phase))
    rowIndices[RowKey(task: task, phase: phase)] = rows.count - 1
    return rows.count - 1
  }

  // MARK: - Reading

  /// The timeline at `now`.
  public func snapshot(title: String, speed: Double, now: Double, isFinal: Bool = false) -> TimelineSnapshot {
    TimelineSnapshot(
      title: title,
      speed: speed,
      now: now,
      horizon: plan.horizon,
      rows: rows,
      phases: plan.phases,
      join: joins.last.map { TimelineMarker(time: $0.time, label: $0.label) },
      deadline: deadline,
      isFinal: isFinal,
      isInterrupted: outcome == .interrupted
    )
  }

  /// The exception a returned list holds in slot `index` (`TimeoutError` for `TimeoutError()` or
  /// `TimeoutError(limit: 5.0 seconds)`); nil for a value, or when the caller got no list.
  static func exception(inSlot index: Int, of join: DemoJoin?) -> String? {
    guard let join, join.outcome == .returned, let slots = join.slots, slots.indices.contains(index) else { return nil }
    let text = slots[index]
    guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return nil }
    let name = text[..<open]
    guard let first = name.first, first.isLetter, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
      return nil
    }
    return String(name)
  }

  /// The report of the run as it stands at `now` (the end of the run, or when it was interrupted).
  /// Its tasks are those of the last phase that began: a run interrupted in its first phase
  /// reports that phase's tasks, not the ones never reached.
  public func report(demo: String, parameters: DemoParameters, speed: Double, now: Double) -> DemoReport {
    let lastPhase = phase ?? plan.phases.first
    let phaseStart = lastPhase.flatMap { phaseStarts[$0] } ?? 0
    let lastJoin = joins.last
    let lastJoinStart = joinPhases.last.flatMap { $0 }.flatMap { phaseStarts[$0] } ?? phaseStart
    let elapsed = (lastJoin?.time ?? now) - (lastJoin == nil ? phaseStart : lastJoinStart)
    var phaseTimes: [DemoReport.PhaseTime] = []
    for (join, phase) in zip(joins, joinPhases) {
      guard let phase else { continue }
      phaseTimes.append(.init(phase: phase, elapsed: join.time - (phaseStarts[phase] ?? 0)))
    }
    let callerLost = lastJoin?.outcome == .threw || lastJoin?.outcome == .timedOut
    let lastRows = rows.filter { $0.phase == lastPhase }
    let results = lastRows.map { row -> DemoReport.TaskResult in
      let result: DemoReport.SlotResult
      switch row.state {
      case .finished(let value): result = .value(value, lost: callerLost || row.isOrphan)
      case .failed(let error): result = .error(error)
      case .cancelled: result = .cancelled(caught: Self.exception(inSlot: row.index, of: lastJoin))
      case .notCreated: result = .notCreated
      case .waiting, .running: result = .unfinished
      }
      return DemoReport.TaskResult(
        task: row.name, index: row.index, result: result, rank: row.finishRank, waitingSince: row.waitingSince,
        startedAt: row.startedAt, endedAt: row.endedAt, isOrphan: row.isOrphan, cancellingAt: row.cancellingSince
      )
    }
    let orphans = lastRows.filter(\.isOrphan)
    let received = lastJoin.flatMap { $0.outcome == .returned ? $0.detail : nil }
    let sideRows = rows.filter { row in row.phase.map { $0 != lastPhase && !plan.phases.contains($0) } ?? false }
    var report = DemoReport(
      demo: demo,
      parameters: parameters,
      speed: speed,
      outcome: outcome ?? .interrupted,
      elapsed: elapsed,
      ideal: plan.ideal,
      sequential: phaseTimes.count > 1 ? phaseTimes[0].elapsed : plan.sequential,
      phaseTimes: phaseTimes,
      results: results,
      received: received,
      error: error,
      finishOrder: finishOrder[lastPhase ?? ""] ?? [],
      orphans: orphans.map(\.name),
      orphansSettledAt: orphans.compactMap(\.endedAt).max(),
      maxRunning: maxRunning,
      maxExisting: maxExisting,
      cores: plan.cores
    )
    report.sideTasks = sideRows.map(Self.result)
    return report
  }

  /// A side row's fate and instants (it holds no slot of the caller's list).
  private static func result(_ row: TimelineRow) -> DemoReport.TaskResult {
    let result: DemoReport.SlotResult
    switch row.state {
    case .finished(let value): result = .value(value, lost: false)
    case .failed(let error): result = .error(error)
    case .cancelled: result = .cancelled()
    case .notCreated: result = .notCreated
    case .waiting, .running: result = .unfinished
    }
    return DemoReport.TaskResult(
      task: row.name, index: row.index, result: result, rank: row.finishRank, waitingSince: row.waitingSince,
      startedAt: row.startedAt, endedAt: row.endedAt, isOrphan: row.isOrphan
    )
  }
}
