import LabTerminal

/// Snapshots of the demos at telling moments, built by hand so the renderer is tested alone.
enum TimelineFixtures {
  /// ordering at 1.5 s: B has finished first, A and C still run.
  static let orderingMidway = TimelineSnapshot(
    title: "ordering · delays=3,1,2",
    now: 1.5,
    horizon: 3,
    rows: [
      TimelineRow(name: "A", index: 0, state: .running, plannedDuration: 3, startedAt: 0),
      TimelineRow(name: "B", index: 1, state: .finished(value: "B"), plannedDuration: 1, startedAt: 0, endedAt: 1, finishRank: 1),
      TimelineRow(name: "C", index: 2, state: .running, plannedDuration: 2, startedAt: 0),
    ]
  )

  /// error-cancel mode=gather, final: the caller got A's error at 1 s, B and C ran on to 2 s.
  static let gatherOrphans = TimelineSnapshot(
    title: "error-cancel · delays=2,2 · fail-at=1 · mode=gather",
    now: 2.0,
    horizon: 2,
    rows: [
      TimelineRow(name: "A", index: 0, state: .failed(error: "A failed"), startedAt: 0, endedAt: 1, finishRank: 1),
      TimelineRow(
        name: "B", index: 1, state: .finished(value: "B"), startedAt: 0, endedAt: 2, finishRank: 2, isOrphan: true
      ),
      TimelineRow(
        name: "C", index: 2, state: .finished(value: "C"), startedAt: 0, endedAt: 2, finishRank: 3, isOrphan: true
      ),
    ],
    join: TimelineMarker(time: 1, label: "error reached the caller"),
    isFinal: true
  )

  /// timeout, final: A and B finished, C cancelled at the 5 s deadline.
  static let timeoutFinal = TimelineSnapshot(
    title: "timeout · delays=1,2,7 · timeout=5",
    speed: 10,
    now: 5.0,
    horizon: 5,
    rows: [
      TimelineRow(name: "A", index: 0, state: .finished(value: "A"), startedAt: 0, endedAt: 1, finishRank: 1),
      TimelineRow(name: "B", index: 1, state: .finished(value: "B"), startedAt: 0, endedAt: 2, finishRank: 2),
      TimelineRow(name: "C", index: 2, state: .cancelled, plannedDuration: 7, startedAt: 0, endedAt: 5),
    ],
    join: TimelineMarker(time: 5, label: "deadline passed"),
    deadline: 5,
    isFinal: true
  )

  /// semaphore, 12 tasks, limit 4, at 1.5 s: the second wave runs, the third waits.
  static let semaphoreWaves = twelveTasksUnderALimitOfFour(mode: "semaphore")

  /// sequential, interrupted at 1.5 s in phase 1: A done, B cut off, C never created; phase 2 never began.
  static let sequentialInterrupted = TimelineSnapshot(
    title: "sequential · count=3 · delay=1",
    now: 1.5,
    horizon: 4,
    rows: [
      TimelineRow(
        name: "A", index: 0, phase: "one by one", state: .finished(value: "Data from api.example.com/user/1"),
        plannedDuration: 1, startedAt: 0, endedAt: 1, finishRank: 1
      ),
      TimelineRow(name: "B", index: 1, phase: "one by one", state: .cancelled, plannedDuration: 1, startedAt: 1, endedAt: 1.5),
      TimelineRow(name: "C", index: 2, phase: "one by one", plannedDuration: 1),
      TimelineRow(name: "A", index: 0, phase: "gathered", plannedDuration: 1),
    ],
    phases: ["one by one", "gathered"],
    join: TimelineMarker(time: 1.5, label: "interrupted"),
    isFinal: true,
    isInterrupted: true
  )

  /// semaphore mode=window, 12 tasks, limit 4, at 1.5 s: the second window runs, the rest are not created.
  static let windowNotCreated = twelveTasksUnderALimitOfFour(mode: "window")

  /// 12 tasks of 1 s under a limit of 4, at 1.5 s: A–D finished at 1 s, E–H running since 1 s,
  /// I–L still to come. Behind the guide's semaphore (`mode=semaphore`) every task exists from
  /// the start and the rest are waiting for a permit; in a window (`mode=window`) the rest are
  /// not created yet, and each row knows its planned duration.
  private static func twelveTasksUnderALimitOfFour(mode: String) -> TimelineSnapshot {
    let window = mode == "window"
    return TimelineSnapshot(
      title: "semaphore · tasks=12 · limit=4 · delay=1 · mode=\(mode)",
      now: 1.5,
      horizon: 3,
      rows: (0..<12).map { index in
        let letter = String(UnicodeScalar(UInt8(65 + index)))
        var row = TimelineRow(name: letter, index: index, plannedDuration: window ? 1 : nil, waitingSince: window ? nil : 0)
        switch index {
        case 0..<4:
          (row.state, row.startedAt, row.endedAt, row.finishRank) = (.finished(value: letter), 0, 1, index + 1)
        case 4..<8:
          (row.state, row.startedAt) = (.running, 1)
        default:
          row.state = window ? .notCreated : .waiting
        }
        return row
      }
    )
  }
}
