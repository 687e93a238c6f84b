import LabCore
import LabTerminal
import Testing

@Suite struct StepNarrationTests {
  /// Tasks are named as the timeline's rows name them, with their argument index.
  @Test func eachStopSaysWhatHappenedAndWhoIsStillAtWork() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    #expect(run.steps == [
      ReplayStep(time: 0.001, entries: 0..<3),
      ReplayStep(time: 1.002, entries: 3..<5),
      ReplayStep(time: 2.001, entries: 5..<7),
    ])
    #expect(run.steps.map { StepNarration.sentence(for: $0, in: run) } == [
      "0.00s [0] A, [1] B and [2] C started",
      "1.00s [0] A failed; error reached the caller; [1] B and [2] C run on as orphans",
      "2.00s [1] B and [2] C finished, but nobody reads their results",
    ])
  }

  @Test func aTimeoutSaysWhenItsDeadlineIsSetAndWhenItPasses() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.timeout)
    #expect(run.steps.map { StepNarration.sentence(for: $0, in: run) } == [
      "0.00s [0] A and [1] B started; the deadline is set for 2.00s",
      "1.00s [0] A finished; [1] B is still running",
      "2.00s [1] B was cancelled; deadline passed",
    ])
  }

  @Test func manyTasksAreCountedRatherThanListed() {
    let started = ["A", "B", "C", "D", "E", "F"].map { DemoLogEntry.event(DemoEvent(time: 0, task: $0, kind: .started)) }
    let waiting = ["G", "H"].map { DemoLogEntry.event(DemoEvent(time: 0, task: $0, kind: .waiting)) }
    #expect(StepNarration.happened(started + waiting) == ["A, B, C and 3 others started", "G and H wait for a slot"])
  }

  @Test func aTaskIsNamedByItsRowsLabelAndByItsNameWhenNoRowHasIt() {
    let finished = ["A", "Z"].map { DemoLogEntry.event(DemoEvent(time: 1, task: $0, kind: .finished)) }
    let labels = StepNarration.labels([TimelineRow(name: "A", index: 0), TimelineRow(name: "B", index: 1)])
    #expect(labels == ["A": "[0] A", "B": "[1] B"])
    #expect(StepNarration.happened(finished, labels: labels) == ["[0] A and Z finished"])
  }

  @Test func aTaskThatGotItsCancellationAndRunsOnIsSaidToDoSo() {
    let cancelling = ["B", "C"].map { DemoLogEntry.event(DemoEvent(time: 1, task: $0, kind: .cancelling)) }
    #expect(StepNarration.happened(cancelling) == ["B and C got their cancellation and run on"])
    #expect(StepNarration.happened(Array(cancelling.prefix(1))) == ["B got its cancellation and runs on"])
  }

  @Test func phasesAreNamedWithTheirNumber() {
    #expect(StepNarration.happened([.phase(name: "gather", number: 2, time: 3)]) == ["phase 2 begins: gather"])
  }
}
