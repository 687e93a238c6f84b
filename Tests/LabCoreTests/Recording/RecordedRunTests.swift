import LabCore
import LabTerminal
import Testing

@Suite struct RecordedRunTests {
  @Test func framesFallEveryIntervalAndAtEveryEntryInstant() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    #expect(run.frameInstants(every: 0.25) == [0, 0.001, 0.25, 0.5, 0.75, 1, 1.001, 1.002, 1.25, 1.5, 1.75, 2, 2.001])
    #expect(run.end == 2.001)
  }

  @Test func eachFrameIsTheTimelineAtItsInstantHoweverItIsReached() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let frames = run.frames(every: 0.05)
    // 41 ticks from 0 s to 2 s, and the entries at 0.001, 1.001, 1.002 and 2.001 s.
    #expect(frames.count == 45)
    for frame in frames {
      #expect(frame.snapshot == run.snapshot(at: frame.time), "frame at \(frame.time)")
    }
  }

  @Test func theFrameAtAnInstantIsDrawnByTheLiveRenderer() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let lines = TimelineRenderer.render(run.snapshot(at: 1.5), width: 60).map(\.plainText)
    #expect(lines.joined(separator: "\n") == """
      error-cancel · delays=2,2 · fail-at=1 · mode=gather   1.50s
      [0] A ██████████████████│                  ✗ 1st A failed
      [1] B ███████████████████▒▒▒▒▒▒▒▒┄┄┄┄┄┄┄┄┄ ▶ running orphan
      [2] C ███████████████████▒▒▒▒▒▒▒▒┄┄┄┄┄┄┄┄┄ ▶ running orphan
            0s       0.5s     1s       1.5s    2s
                              ▲ error reached the caller 1.00s
      █ running  ▒ orphan  ┄ planned  ✓ done  ✗ failed
      ⊘ cancelled
      """)
  }

  @Test func aDeadlineTakesEffectWhenItIsSetNotWhenItPasses() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.timeout)
    #expect(run.instants == [0, 0, 0, 1, 2, 2])
    #expect(run.snapshot(at: 0).deadline == 2)
    #expect(run.speed == 2)
  }

  @Test func thePlanOfAKnownDemoComesFromItsParameters() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    #expect(run.demo?.id == "error-cancel")
    #expect(run.title == "error-cancel · delays=2,2 · fail-at=1 · mode=gather")
    #expect(run.plan.tasks.map(\.name) == ["A", "B", "C"])
    #expect(run.plan.horizon == 2)
  }

  @Test func aRecordingOfAnUnknownDemoGetsItsRowsFromItsEvents() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.unknownDemo)
    #expect(run.demo == nil)
    #expect(run.title == "fetcher")
    #expect(run.plan.tasks.map(\.name) == ["fetch('a')", "fetch('b')"])
    #expect(run.plan.horizon == 1.5)
    #expect(run.snapshot(at: 0.25).rows.map(\.state) == [.running, .notCreated])
  }

  @Test func theReplayedReportIsTheRecordedRunsReport() throws {
    let report = try RecordingFixtures.run(RecordingFixtures.errorCancelGather).report()
    #expect(report.outcome == .threw)
    #expect(report.elapsed == 1.002)
    #expect(report.error == "A failed")
    #expect(report.orphans == ["B", "C"])
    #expect(report.finishOrder == ["A", "B", "C"])
    #expect(report.results.map(\.result) == [.error("A failed"), .value("B", lost: true), .value("C", lost: true)])
  }
}
