import LabCore
import LabTerminal
import Testing
import TestSupport

/// What a real demo run (on a test clock, through `DemoPlayback`) shows for each kind.
@Suite(.timeLimit(.minutes(1))) struct PredictionObservationTests {
  private func observed(_ demo: String, _ arguments: [String] = [], _ kinds: [PredictionKind]) async throws
    -> [PredictionKind: PredictionValue]
  {
    let report = try await DemoHarness().run(demo, arguments).report
    var values: [PredictionKind: PredictionValue] = [:]
    for kind in kinds {
      values[kind] = try #require(PredictionObservation(kind: kind, report: report)).value
    }
    return values
  }

  @Test func orderingShowsTheFinishOrderAndResultsInArgumentOrder() async throws {
    let values = try await observed(
      "ordering", ["delays=3,1,2"], [.order, .results, .elapsed, .cancelled, .outcome, .running, .existing])
    #expect(
      values == [
        .order: .order(["B", "C", "A"]),
        .results: .results(.slots([.value("A"), .value("B"), .value("C")])),
        .elapsed: .seconds(3),
        .cancelled: .tasks([]),
        .outcome: .outcome(.returned),
        .running: .count(3),
        .existing: .count(3),
      ])
  }

  @Test func aTaskGroupCancelsTheOthersAndTheCallerGetsNoList() async throws {
    let values = try await observed("error-cancel", [], [.order, .results, .elapsed, .cancelled, .orphans, .outcome])
    #expect(
      values == [
        // The cancelled tasks did not finish: the order lists only A, which failed.
        .order: .order(["A"]),
        .results: .results(.none),
        .elapsed: .seconds(1),
        .cancelled: .tasks(["B", "C"]),
        .orphans: .tasks([]),
        .outcome: .outcome(.threw),
      ])
  }

  @Test func gatherLeavesTheOthersRunningAsOrphans() async throws {
    let values = try await observed("error-cancel", ["mode=gather"], [.cancelled, .orphans, .outcome])
    #expect(values == [.cancelled: .tasks([]), .orphans: .tasks(["B", "C"]), .outcome: .outcome(.threw)])
  }

  @Test func returnExceptionsPutsTheErrorInItsSlot() async throws {
    let values = try await observed("return-exceptions", [], [.results, .elapsed, .outcome])
    #expect(
      values == [.results: .results(.slots([.error, .value("B")])), .elapsed: .seconds(2), .outcome: .outcome(.returned)])
  }

  @Test func aTimeoutCancelsTheSlowTaskAtTheDeadline() async throws {
    let report = try await DemoHarness().run("timeout").report
    let outcome = try #require(PredictionObservation(kind: .outcome, report: report))
    #expect(outcome.value == .outcome(.timedOut))
    #expect(outcome.marker == .deadline)
    #expect(PredictionObservation(kind: .cancelled, report: report)?.value == .tasks(["C"]))
    #expect(PredictionObservation(kind: .results, report: report)?.value == .results(.none))
  }

  @Test func theGuidesSemaphoreCreatesEveryTaskUpFrontTheWindowOnlyLimit() async throws {
    let semaphore = try await observed("semaphore", ["tasks=10", "limit=3"], [.running, .existing, .elapsed])
    #expect(semaphore == [.running: .count(3), .existing: .count(10), .elapsed: .seconds(4)])
    let window = try await observed("semaphore", ["tasks=10", "limit=3", "mode=window"], [.running, .existing])
    #expect(window == [.running: .count(3), .existing: .count(3)])
  }

  @Test func aDemoReportDoesNotDecideAChoice() async throws {
    let report = try await DemoHarness().run("ordering").report
    #expect(PredictionObservation(kind: .choice, report: report) == nil)
  }

  @Test func theTimelinePointsAtTheRowsAndTheInstants() async throws {
    let report = try await DemoHarness().run("error-cancel").report
    let timeline = TimelineSnapshot(
      title: "error-cancel", now: 2, horizon: 2,
      rows: [
        TimelineRow(name: "A", index: 0, state: .failed(error: "boom"), startedAt: 0, endedAt: 1, finishRank: 1),
        TimelineRow(name: "B", index: 1, state: .cancelled, startedAt: 0, endedAt: 1.004),
        TimelineRow(name: "C", index: 2, state: .cancelled, startedAt: 0, endedAt: 1.002),
      ],
      join: TimelineMarker(time: 1.001, label: "error reached the caller")
    )
    let cancelled = try #require(PredictionObservation(kind: .cancelled, report: report, timeline: timeline))
    #expect(cancelled.highlight == ["B", "C"])
    #expect(cancelled.time == 1.002)
    #expect(cancelled.endTimes == ["A": 1, "B": 1.004, "C": 1.002])
    let outcome = try #require(PredictionObservation(kind: .outcome, report: report, timeline: timeline))
    #expect(outcome.marker == .join)
    #expect(outcome.time == 1.001)
  }

  @Test func thePythonOutputLineThatShowsAnOptionDecidesTheChoice() {
    let options = PredictionParser.predictions(in: PredictionFixtures.lesson).predictions[1].options
    let decided = PredictionObservation.choice(options: options, output: ["<_GatheringFuture pending>"])
    #expect(
      decided == .success(PredictionObservation(kind: .choice, value: .choice(2), evidence: "<_GatheringFuture pending>")))
    #expect(PredictionObservation.choice(options: options, output: ["hello"]) == .failure(PredictionUndecided(matching: [])))
    #expect(
      PredictionObservation.choice(options: options, output: ["<_GatheringFuture pending>", "['A', 'B']"])
        == .failure(PredictionUndecided(matching: [0, 2])))
  }

  @Test func onALoadedMachineTheOptionWithClearlyTheNearestTimingsDecides() {
    // Lesson 10's question, and what python3 printed there at load 35 (one by one 1.0 s stated).
    let blocking = [
      PredictionOption(text: "concurrent", shows: "blocking  one by one 1.0s, gathered 0.2s"),
      PredictionOption(text: "one at a time", shows: "blocking  one by one 1.0s, gathered 1.0s"),
    ]
    let loaded = "blocking  one by one 1.5s, gathered 1.4s"
    #expect(
      PredictionObservation.choice(options: blocking, output: ["sleeping  one by one 1.0s, gathered 0.2s", loaded])
        == .success(PredictionObservation(kind: .choice, value: .choice(1), evidence: loaded)))
    // 0.3 s late is within the tolerance itself, though 1.3 - 1.0 is a hair over 0.3 in doubles.
    #expect(
      PredictionObservation.choice(options: blocking, output: ["blocking  one by one 1.3s, gathered 1.0s"])
        == .success(PredictionObservation(kind: .choice, value: .choice(1), evidence: "blocking  one by one 1.3s, gathered 1.0s")))
    let took = [PredictionOption(text: "2 s", shows: "took 2.0s"), PredictionOption(text: "1 s", shows: "took 1.0s")]
    #expect(
      PredictionObservation.choice(options: took, output: ["took 2.6s"])
        == .success(PredictionObservation(kind: .choice, value: .choice(0), evidence: "took 2.6s")))
  }

  @Test func timingsHalfWayBetweenTwoOptionsOrFarFromAllDecideNothing() {
    let took = [PredictionOption(text: "2 s", shows: "took 2.0s"), PredictionOption(text: "1 s", shows: "took 1.0s")]
    #expect(PredictionObservation.choice(options: took, output: ["took 1.4s"]) == .failure(PredictionUndecided(matching: [])))
    #expect(PredictionObservation.choice(options: took, output: ["took 5.0s"]) == .failure(PredictionUndecided(matching: [])))
    #expect(PredictionObservation.choice(options: took, output: ["slept 2.0s"]) == .failure(PredictionUndecided(matching: [])))
  }

  @Test func anUndecidedChoiceSaysWhichOptionsTheOutputShows() {
    #expect(PredictionUndecided(matching: []).description == "The program's output shows none of the options.")
    #expect(PredictionUndecided(matching: [0, 2]).description == "The program's output shows options a and c at once.")
    #expect(PredictionUndecided(matching: [0, 1, 2]).description == "The program's output shows options a, b and c at once.")
  }
}
