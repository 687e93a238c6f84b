import LabCore
import LabTerminal
import TestSupport
import Testing

@Suite struct RunTimelineTests {
  let plan = DemoPlan(tasks: DemoPlan.lettered(3), ideal: 1, sequential: 2, horizon: 2)

  @Test func entriesReadBackFromJSONRebuildTheReportOfTheRun() throws {
    let lines = [
      #"{"type":"demo","demo":"error-cancel","speed":1,"params":{"delays":[2,2],"fail-at":1,"mode":"gather"},"runtime":"CPython 3.11.7"}"#,
      #"{"type":"event","t":0,"task":"A","event":"started","value":null,"error":null,"phase":null}"#,
      #"{"type":"event","t":0,"task":"B","event":"started","value":null,"error":null,"phase":null}"#,
      #"{"type":"event","t":0,"task":"C","event":"started","value":null,"error":null,"phase":null}"#,
      #"{"type":"event","t":1.001,"task":"A","event":"failed","value":null,"error":"A failed","phase":null}"#,
      #"{"type":"join","t":1.002,"label":"error reached the caller","detail":"A failed","outcome":"threw","error":"A failed"}"#,
      #"{"type":"event","t":2,"task":"B","event":"finished","value":"B","error":null,"phase":null,"orphan":true}"#,
      #"{"type":"event","t":2.001,"task":"C","event":"finished","value":"C","error":null,"phase":null,"orphan":true}"#,
      #"{"type":"result","outcome":"threw"}"#,
    ]
    var timeline = RunTimeline(plan: plan)
    var header: DemoJSONHeader?
    for line in lines {
      switch try DemoJSONLine.parse(line) {
      case .header(let value): header = value
      case .entry(let entry): timeline.apply(entry)
      case .result, .other: break
      }
    }
    #expect(header == DemoJSONHeader(
      demo: "error-cancel", speed: 1, params: ["delays": "2,2", "fail-at": "1", "mode": "gather"], runtime: "CPython 3.11.7"
    ))
    let demo = try DemoRegistry.standard.demo(named: "error-cancel")
    let parameters = try demo.resolve([[("mode", "gather")]])
    let report = timeline.report(demo: "error-cancel", parameters: parameters, speed: 1, now: 2.001)
    #expect(report.outcome == .threw)
    #expect(report.elapsed == 1.002)
    #expect(report.error == "A failed")
    #expect(report.finishOrder == ["A", "B", "C"])
    #expect(report.orphans == ["B", "C"])
    #expect(report.orphansSettledAt == 2.001)
    #expect(report.maxRunning == 3)
    #expect(report.results.map(\.result) == [.error("A failed"), .value("B", lost: true), .value("C", lost: true)])
  }

  @Test func anEventReportedLateIsMovedToTheTimeOfTheLastEntry() {
    var timeline = RunTimeline(plan: plan)
    timeline.apply(.event(DemoEvent(time: 1.0, task: "A", kind: .started)))
    let applied = timeline.apply(.event(DemoEvent(time: 0.999, task: "B", kind: .started)))
    #expect(applied == .event(DemoEvent(time: 1.0, task: "B", kind: .started, index: 1)))
  }

  @Test func tasksThePlanDidNotListGetRowsOfTheirOwn() {
    var timeline = RunTimeline(plan: DemoPlan(tasks: [], ideal: 0, sequential: 0))
    timeline.apply(.event(DemoEvent(time: 0, task: "fetch('a')", kind: .started)))
    timeline.apply(.event(DemoEvent(time: 0.5, task: "fetch('b')", kind: .started)))
    #expect(timeline.rows.map(\.name) == ["fetch('a')", "fetch('b')"])
    #expect(timeline.rows.map(\.index) == [0, 1])
  }

  @Test func anInterruptionAfterTheCallerResumedKeepsTheJoinMarker() throws {
    let parameters = try DemoRegistry.standard.demo(named: "ordering").resolve([])
    var timeline = RunTimeline(plan: plan)
    timeline.apply(.join(DemoJoin(time: 1, label: "error reached the caller", detail: "", outcome: .threw, error: "A failed")))
    timeline.apply(.join(DemoJoin(time: 1.5, label: "interrupted", detail: "Ctrl-C", outcome: .interrupted)))
    #expect(timeline.snapshot(title: "t", speed: 1, now: 1.5).join == TimelineMarker(time: 1, label: "error reached the caller"))
    #expect(timeline.report(demo: "x", parameters: parameters, speed: 1, now: 1.5).outcome == .interrupted)
  }

  @Test func aLineThatIsNotARunLineIsRefusedWithAReason() {
    #expect(throws: DemoJSONLineError.notJSON) { try DemoJSONLine.parse("hello") }
    #expect(throws: DemoJSONLineError.missing("t")) { try DemoJSONLine.parse(#"{"type":"deadline"}"#) }
    #expect(throws: DemoJSONLineError.missing("t")) { try DemoJSONLine.parse(#"{"type":"deadline","t":true}"#) }
  }

  @Test func aRunInterruptedInItsFirstPhaseReportsThatPhasesTasksWithTheirOwnFates() throws {
    let demo = try DemoRegistry.standard.demo(named: "sequential")
    let parameters = try demo.resolve([])
    var timeline = RunTimeline(plan: demo.plan(resolved: parameters))
    timeline.apply(.phase(name: "one by one", number: 1, time: 0))
    timeline.apply(.event(DemoEvent(time: 0, task: "A", kind: .started)))
    timeline.apply(.event(DemoEvent(time: 1, task: "A", kind: .finished, value: "a")))
    timeline.apply(.event(DemoEvent(time: 1, task: "B", kind: .started)))
    timeline.apply(.join(DemoJoin(time: 1.5, label: "interrupted", detail: "Ctrl-C", outcome: .interrupted)))
    let report = timeline.report(demo: "sequential", parameters: parameters, speed: 1, now: 1.5)
    #expect(report.outcome == .interrupted)
    #expect(report.results.map(\.result) == [.value("a", lost: false), .unfinished, .notCreated])
    #expect(report.results.map(\.label) == ["[0] A", "[1] B", "[2] C"])
    let snapshot = timeline.snapshot(title: "t", speed: 1, now: 1.5, isFinal: true)
    #expect(snapshot.isInterrupted)
    #expect(snapshot.rows.map(\.plannedDuration) == [1, 1, 1, 1, 1, 1])
  }

  @Test func valuesTheCallerNeverReceivedAreLostAfterATimeoutToo() throws {
    let parameters = try DemoRegistry.standard.demo(named: "timeout").resolve([])
    var timeline = RunTimeline(plan: plan)
    timeline.apply(.event(DemoEvent(time: 0, task: "A", kind: .started)))
    timeline.apply(.event(DemoEvent(time: 1, task: "A", kind: .finished, value: "A")))
    timeline.apply(.event(DemoEvent(time: 0, task: "B", kind: .started)))
    timeline.apply(.event(DemoEvent(time: 2, task: "B", kind: .cancelled)))
    timeline.apply(.join(DemoJoin(time: 2, label: "deadline passed", detail: "", outcome: .timedOut, error: "timed out")))
    let report = timeline.report(demo: "timeout", parameters: parameters, speed: 1, now: 2)
    #expect(report.results.map(\.result) == [.value("A", lost: true), .cancelled(), .notCreated])
    #expect(report.received == nil)
  }
}

extension RunTimelineTests {
  @Test func aHeaderWithASpeedNoRunCanHaveIsRefused() {
    for speed in ["0", "-1", "1e308", "100.5"] {
      #expect(throws: DemoJSONLineError.invalid("speed")) {
        try DemoJSONLine.parse(#"{"type":"demo","demo":"ordering","speed":"# + speed + "}")
      }
    }
  }
}
