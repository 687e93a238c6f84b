import LabTerminal
import Testing

/// Whole frames of the timeline for fixed snapshots, as a terminal would show them (color off).
@Suite struct TimelineRendererTests {
  @Test func midRunShowsRunningRowsAndTheFinishRankAt40Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.orderingMidway, width: 40).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      ordering · delays=3,1,2           1.50s
      [0] A ████████████┄┄┄┄┄┄┄┄┄┄┄ ▶ running
      [1] B ████████                ✓ 1st "B"
      [2] C ████████████┄┄┄         ▶ running
            0s         1.5s       3s
      █ running  ┄ planned  ✓ done  ✗ failed
      ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 40 })
  }

  @Test func midRunAt100Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.orderingMidway, width: 100).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      ordering · delays=3,1,2                                                                       1.50s
      [0] A ██████████████████████████████████████████┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ▶ running
      [1] B ████████████████████████████                                                        ✓ 1st "B"
      [2] C ██████████████████████████████████████████┄┄┄┄┄┄┄┄┄┄┄┄┄                             ▶ running
            0s                         1s                          2s                         3s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func orphansRunOnPastTheJoinAndAreLabelledLostAt40Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 40).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      error-cancel · delays=2,2 …  done 2.00s
      [0] A ████████│        ✗ 1st A failed
      [1] B █████████▒▒▒▒▒▒▒ ✓ 2nd "B" (lost)
      [2] C █████████▒▒▒▒▒▒▒ ✓ 3rd "C" (lost)
            0s             2s
                    ▲ 1.00s
      █ running  ▒ orphan  ✓ done  ✗ failed
      ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 40 })
  }

  @Test func orphansAt100ColumnsNameTheJoin() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 100).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      error-cancel · delays=2,2 · fail-at=1 · mode=gather                                      done 2.00s
      [0] A ██████████████████████████████████████│                                      ✗ 1st A failed
      [1] B ███████████████████████████████████████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ ✓ 2nd "B" (lost)
      [2] C ███████████████████████████████████████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ ✓ 3rd "C" (lost)
            0s                 0.5s               1s                 1.5s              2s
                                                  ▲ error reached the caller 1.00s
      █ running  ▒ orphan  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func timeoutMarksTheDeadlineOnEveryRowAndTheAxis() {
    let frame = TimelineRenderer.render(TimelineFixtures.timeoutFinal, width: 100).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      timeout · delays=1,2,7 · timeout=5                                                   done 5.00s ×10
      [0] A ███████████                                           ┆                           ✓ 1st "A"
      [1] B ██████████████████████                                ┆                           ✓ 2nd "B"
      [2] C ██████████████████████████████████████████████████████┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄      ⊘ cancelled
            0s              1.5s            3s              4.5s            6s              7.5s
                                                                  ▲ deadline passed 5.00s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func tooManyRowsForTheHeightKeepTheRunningAndWaitingInViewAndSumUpTheRest() {
    let frame = TimelineRenderer.render(TimelineFixtures.semaphoreWaves, width: 60, height: 10).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      semaphore · tasks=12 · limit=4 · delay=1 · mode=sem…  1.50s
       [4] E ░░░░░░░░░░░░░░███████                      ▶ running
       [5] F ░░░░░░░░░░░░░░███████                      ▶ running
       [6] G ░░░░░░░░░░░░░░███████                      ▶ running
       [7] H ░░░░░░░░░░░░░░███████                      ▶ running
       [8] I ░░░░░░░░░░░░░░░░░░░░░                      ◌ waiting
       [9] J ░░░░░░░░░░░░░░░░░░░░░                      ◌ waiting
      [10] K ░░░░░░░░░░░░░░░░░░░░░                      ◌ waiting
      … 5 more: 1 waiting, 4 ended
             0s            1s            2s           3s
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 60 })
  }

  @Test func aTwentyColumnTerminalStillGetsEveryRow() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 20).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      error-…  done 2.00s
      [0] A ████│    ✗ 1…
      [1] B █████▒▒▒ ✓ 2…
      [2] C █████▒▒▒ ✓ 3…
            0s     2s
                ▲ 1.00s
      █ running  ▒ orphan
      ✓ done  ✗ failed
      ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 20 })
  }

  @Test func colorMarksEachStateWithItsOwnEscapeCode() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 60).map { $0.rendered(color: true) }
    #expect(frame[1].contains("\u{1B}[1;31m✗ \u{1B}[0m"))
    #expect(frame[2].contains("\u{1B}[36m▒"))
    #expect(frame[2].contains("\u{1B}[32m✓ \u{1B}[0m"))
  }

  @Test func ordinalsReadAsEnglish() {
    #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(TimelineRenderer.ordinal) == [
      "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
    ])
  }
}

/// The plan stays in view: remainders of cut-short tasks, interrupted headers, tasks not created.
@Suite struct TimelinePlanTests {
  @Test func anInterruptedRunSaysSoAndShowsWhatWasCutShortAt60Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.sequentialInterrupted, width: 60).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      sequential · count=3 · delay=1         interrupted at 1.50s
      phase 1 · one by one
      [0] A ███████   │                     ✓ 1st "Data f…user/1"
      [1] B        ███┄┄┄┄                  ⊘ cancelled
      [2] C           │                     · not created
      phase 2 · gathered
      [0] A           │                     · not created
            0s        1.5s      3s        4.5s
                      ▲ interrupted 1.50s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 60 })
  }

  /// A Python twin stopped by Ctrl-C reports nothing more: its rows still running or waiting at
  /// the cut never ended, and the final frame says so instead of drawing them running.
  @Test func rowsAnInterruptionCutOffReadInterruptedInTheFinalFrame() {
    let snapshot = TimelineSnapshot(
      title: "CPython 3.11.7 · semaphore · tasks=3 · limit=2",
      now: 1.5,
      horizon: 2,
      rows: [
        TimelineRow(name: "A", index: 0, state: .finished(value: "A"), plannedDuration: 1, waitingSince: 0, startedAt: 0, endedAt: 1, finishRank: 1),
        TimelineRow(name: "B", index: 1, state: .running, plannedDuration: 1, waitingSince: 0, startedAt: 1),
        TimelineRow(name: "C", index: 2, state: .waiting, plannedDuration: 1, waitingSince: 0),
      ],
      join: TimelineMarker(time: 1.5, label: "interrupted"),
      isFinal: true,
      isInterrupted: true
    )
    #expect(TimelineRenderer.render(snapshot, width: 60).map(\.plainText).joined(separator: "\n") == """
      CPython 3.11.7 · semaphore · tasks=3…  interrupted at 1.50s
      [0] A ████████████████████         │          ✓ 1st "A"
      [1] B ░░░░░░░░░░░░░░░░░░░░█████████┄┄┄┄┄┄┄┄┄┄ ■ interrupted
      [2] C ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░│          ■ interrupted
            0s       0.5s      1s        1.5s     2s
                                         ▲ interrupted 1.50s
      █ running  ░ waiting  ┄ planned  ✓ done  ✗ failed
      ⊘ cancelled  ■ interrupted
      """)
    // Mid-run, the same rows are running and waiting.
    var live = snapshot
    live.isFinal = false
    #expect(TimelineRenderer.render(live, width: 60).map(\.plainText).filter { $0.contains("■") }.isEmpty)
  }

  @Test func longValuesAreShortenedFromTheMiddleAt40Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.sequentialInterrupted, width: 40).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      sequential · cou…  interrupted at 1.50s
      phase 1 · one by one
      [0] A ███  │            ✓ 1st "Dat…r/1"
      [1] B    ██┄┄           ⊘ cancelled
      [2] C      │            · not created
      phase 2 · gathered
      [0] A      │            · not created
            0s              5s
                 ▲ interrupted 1.50s
      █ running  ┄ planned  ✓ done  ✗ failed
      ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 40 })
  }

  @Test func tasksTheWindowHasNotCreatedAreNeverCountedAsWaiting() {
    let frame = TimelineRenderer.render(TimelineFixtures.windowNotCreated, width: 60, height: 10).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      semaphore · tasks=12 · limit=4 · delay=1 · mode=win…  1.50s
       [0] A █████████████                          ✓ 1st "A"
       [1] B █████████████                          ✓ 2nd "B"
       [2] C █████████████                          ✓ 3rd "C"
       [4] E              ██████┄┄┄┄┄┄              ▶ running
       [5] F              ██████┄┄┄┄┄┄              ▶ running
       [6] G              ██████┄┄┄┄┄┄              ▶ running
       [7] H              ██████┄┄┄┄┄┄              ▶ running
      … 5 more: 4 not created, 1 ended
             0s          1s           2s          3s
      """)
  }

  @Test func theMidRunOrderingFrameAt80Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.orderingMidway, width: 80).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      ordering · delays=3,1,2                                                   1.50s
      [0] A ████████████████████████████████┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ▶ running
      [1] B █████████████████████                                           ✓ 1st "B"
      [2] C ████████████████████████████████┄┄┄┄┄┄┄┄┄┄                      ▶ running
            0s                   1s                   2s                  3s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      """)
  }

  @Test func theTimeoutFrameAt60Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.timeoutFinal, width: 60).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      timeout · delays=1,2,7 · timeout=5           done 5.00s ×10
      [0] A █████                    ┆                ✓ 1st "A"
      [1] B ██████████               ┆                ✓ 2nd "B"
      [2] C ██████████████████████████┄┄┄┄┄┄┄┄┄┄      ⊘ cancelled
            0s        2s        4s        6s        8s
                                     ▲ deadline passed 5.00s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      """)
  }

  @Test func middleShorteningKeepsBothEnds() {
    #expect(DisplayWidth.middleShortened("\"Data from api.example.com/user/3\"", to: 17) == "\"Data fr…/user/3\"")
    #expect(DisplayWidth.middleShortened("short", to: 10) == "short")
    #expect(DisplayWidth.middleShortened("abcdef", to: 1) == "…")
  }
}

/// What a task does after it received its cancellation (its cleanup, or work past a cancellation
/// it swallowed) is drawn `▓`, apart from its work before, and the legend names it.
@Suite struct CancellingRowTests {
  static let cleanupSwallowed = TimelineSnapshot(
    title: "cleanup · mode=swallow",
    now: 2.4,
    horizon: 3,
    rows: [
      TimelineRow(name: "A", index: 0, state: .finished(value: "A"), plannedDuration: 0.5, startedAt: 0, endedAt: 0.5, finishRank: 1),
      TimelineRow(
        name: "B", index: 1, state: .finished(value: "B"), plannedDuration: 2.4, startedAt: 0, endedAt: 2.4, finishRank: 2,
        cancellingSince: 1
      ),
      TimelineRow(name: "C", index: 2, state: .cancelled, plannedDuration: 3, startedAt: 0, endedAt: 1.2, cancellingSince: 1),
    ],
    join: TimelineMarker(time: 2.4, label: "TimeoutError raised"),
    deadline: 1,
    isFinal: true
  )

  @Test func cleanupAndSwallowedWorkAfterTheCancelAreDrawnApartAt60Columns() {
    let frame = TimelineRenderer.render(Self.cleanupSwallowed, width: 60).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      cleanup · mode=swallow                           done 2.40s
      [0] A █████     ┆             │       ✓ 1st "A"
      [1] B ██████████▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓       ✓ 2nd "B" (swallowed)
      [2] C ██████████▓▓┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ⊘ cancelled
            0s        1s        2s        3s
                      ┆ deadline    ▲ TimeoutError raised 2.40s
      █ running  ▓ after cancel  ┄ planned  ✓ done  ✗ failed
      ⊘ cancelled
      """)
  }

  static let cleanupReraised = TimelineSnapshot(
    title: "cleanup · delays=0.5,2.5,3 · deadline=1",
    now: 1.5,
    horizon: 3,
    rows: [
      TimelineRow(name: "A", index: 0, state: .finished(value: "A"), plannedDuration: 0.5, startedAt: 0, endedAt: 0.5, finishRank: 1),
      TimelineRow(name: "B", index: 1, state: .cancelled, plannedDuration: 2.5, startedAt: 0, endedAt: 1.5, cancellingSince: 1),
      TimelineRow(name: "C", index: 2, state: .cancelled, plannedDuration: 3, startedAt: 0, endedAt: 1.5, cancellingSince: 1),
    ],
    join: TimelineMarker(time: 1.5, label: "TimeoutError raised"),
    deadline: 1,
    isFinal: true
  )

  /// At 40 columns the deadline's label goes left of its mark so the `▲` keeps its place right of
  /// it, and `(swallowed cancel)` shortens to `(swallowed)` rather than being cut.
  @Test func cleanupAt40ColumnsKeepsTheJoinMarkAndTheSwallowedLabel() {
    let reraised = TimelineRenderer.render(Self.cleanupReraised, width: 40).map(\.plainText)
    #expect(reraised.joined(separator: "\n") == """
      cleanup · delays=0.5,2.5,3…  done 1.50s
      [0] A ████   ┆  │           ✓ 1st "A"
      [1] B ███████▓▓▓▓┄┄┄┄┄┄┄    ⊘ cancelled
      [2] C ███████▓▓▓▓┄┄┄┄┄┄┄┄┄┄ ⊘ cancelled
            0s        1.5s      3s
          deadline ┆  ▲ 1.50s
      █ running  ▓ after cancel  ┄ planned
      ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(reraised.allSatisfy { DisplayWidth.of($0) < 40 })
    let swallowed = TimelineRenderer.render(Self.cleanupSwallowed, width: 40).map(\.plainText)
    #expect(swallowed.joined(separator: "\n") == """
      cleanup · mode=swallow       done 2.40s
      [0] A ██ ┆    │   ✓ 1st "A"
      [1] B ████▓▓▓▓▓   ✓ 2nd "B" (swallowed)
      [2] C ████▓┄┄┄┄┄┄ ⊘ cancelled
            0s        3s
      deadline ┆    ▲ 2.40s
      █ running  ▓ after cancel  ┄ planned
      ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(swallowed.allSatisfy { DisplayWidth.of($0) < 40 })
    #expect(TimelineRenderer.marks(Self.cleanupReraised, width: 40).join == 1.5)
  }

  @Test func aTaskStillRunningAfterItsCancelSaysCancelling() {
    let snapshot = TimelineSnapshot(
      title: "cleanup",
      now: 1.1,
      horizon: 3,
      rows: [TimelineRow(name: "C", index: 2, state: .running, plannedDuration: 3, startedAt: 0, cancellingSince: 1)],
      deadline: 1
    )
    let frame = TimelineRenderer.render(snapshot, width: 40).map(\.plainText)
    #expect(frame[1] == "[2] C ███████▓┄┄┄┄┄┄┄┄┄┄┄┄ ▶ cancelling")
  }
}
