import LabTerminal
import Testing

/// Whole frames of the timeline for fixed snapshots, as a terminal would show them (color off).
@Suite struct TimelineRendererTests {
  @Test func midRunShowsRunningRowsAndTheFinishRankAt40Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.orderingMidway, width: 40).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      ordering · delays=3,1,2           1.50s
      #1 A ████████████             ▶ running
      #2 B ████████                 ✓ 1st "B"
      #3 C ████████████             ▶ running
           0s          1.5s       3s
      █ running  ✓ done  ✗ failed
      ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 40 })
  }

  @Test func midRunAt100Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.orderingMidway, width: 100).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      ordering · delays=3,1,2                                                                       1.50s
      #1 A ██████████████████████████████████████████                                           ▶ running
      #2 B ████████████████████████████                                                         ✓ 1st "B"
      #3 C ██████████████████████████████████████████                                           ▶ running
           0s                          1s                          2s                         3s
      █ running  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func orphansRunOnPastTheJoinAndAreLabelledLostAt40Columns() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 40).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      error-cancel · delays=2,2 …  done 2.00s
      #1 A █████████│         ✗ 1st A failed
      #2 B ██████████▒▒▒▒▒▒▒▒ ✓ 2nd "B" (los…
      #3 C ██████████▒▒▒▒▒▒▒▒ ✓ 3rd "C" (los…
           0s       1s      2s
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
      #1 A ███████████████████████████████████████                                       ✗ 1st A failed
      #2 B ███████████████████████████████████████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ ✓ 2nd "B" (lost)
      #3 C ███████████████████████████████████████▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ ✓ 3rd "C" (lost)
           0s                 0.5s               1s                 1.5s               2s
                                                 ▲ error reached the caller 1.00s
      █ running  ▒ orphan  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func timeoutMarksTheDeadlineOnEveryRowAndTheAxis() {
    let frame = TimelineRenderer.render(TimelineFixtures.timeoutFinal, width: 100).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      timeout · delays=1,2,7 · timeout=5                                                   done 5.00s ×10
      #1 A ████████████████                                                                 ┆ ✓ 1st "A"
      #2 B █████████████████████████████████                                                ┆ ✓ 2nd "B"
      #3 C ██████████████████████████████████████████████████████████████████████████████████ ⊘ cancelled
           0s              1s              2s               3s              4s              5s
                                                                      deadline passed 5.00s ▲
      █ running  ✓ done  ✗ failed  ⊘ cancelled
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 100 })
  }

  @Test func tooManyRowsForTheHeightAreSummedUpInOneLine() {
    let frame = TimelineRenderer.render(TimelineFixtures.semaphoreWaves, width: 60, height: 10).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      semaphore · tasks=12 · limit=4 · delay=1 · mode=sem…  1.50s
       #1 A ██████████████                              ✓ 1st "A"
       #2 B ██████████████                              ✓ 2nd "B"
       #3 C ██████████████                              ✓ 3rd "C"
       #4 D ██████████████                              ✓ 4th "D"
       #5 E ░░░░░░░░░░░░░░████████                      ▶ running
       #6 F ░░░░░░░░░░░░░░████████                      ▶ running
       #7 G ░░░░░░░░░░░░░░████████                      ▶ running
      … 5 more: 1 running, 4 waiting, 0 ended
            0s            1s            2s            3s
      """)
    #expect(frame.allSatisfy { DisplayWidth.of($0) < 60 })
  }

  @Test func aTwentyColumnTerminalStillGetsEveryRow() {
    let frame = TimelineRenderer.render(TimelineFixtures.gatherOrphans, width: 20).map(\.plainText)
    #expect(frame.joined(separator: "\n") == """
      error-…  done 2.00s
      #1 A ████│    ✗ 1s…
      #2 B █████▒▒▒ ✓ 2n…
      #3 C █████▒▒▒ ✓ 3r…
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
