import LabCore
import Testing

/// A Python twin's run is summed up by its own facts, runtime included: `run blocking --python`
/// once said "Swift's pool ran only 1 at a time" and an ideal of 2.00 s (two cores) about a
/// CPython run whose one thread ran the three tasks in 3 s.
@Suite struct CPythonSummaryTests {
  static let recording = """
    {"type":"recording","version":1,"command":["gatherlab","run","blocking","--python"],"columns":80,"rows":24}
    {"type":"demo","demo":"blocking","speed":1,"params":{"tasks":3,"delay":1,"mode":"sleep"},"runtime":"CPython 3.11.7"}
    {"type":"event","t":0,"task":"A","event":"waiting"}
    {"type":"event","t":0,"task":"B","event":"waiting"}
    {"type":"event","t":0,"task":"C","event":"waiting"}
    {"type":"event","t":0,"task":"A","event":"started"}
    {"type":"event","t":1,"task":"A","event":"finished","value":"A"}
    {"type":"event","t":1,"task":"B","event":"started"}
    {"type":"event","t":2,"task":"B","event":"finished","value":"B"}
    {"type":"event","t":2,"task":"C","event":"started"}
    {"type":"event","t":3,"task":"C","event":"finished","value":"C"}
    {"type":"join","t":3,"label":"gather returned","detail":"['A', 'B', 'C']","outcome":"returned"}
    {"type":"result","outcome":"returned"}

    """

  @Test func aBlockedCPythonRunIsSaidToRunOneAfterAnotherWithTheIdealOfOneThread() throws {
    let run = RecordedRun(try Recording.parse(Self.recording, file: "python.jsonl"))
    let report = run.report()
    #expect(report.runtime == "CPython 3.11.7")
    #expect(report.ideal == 3)
    let demo = try DemoRegistry.standard.demo(named: "blocking")
    #expect(demo.said(report).map(\.id) == ["blocking.one-thread"])
    #expect(demo.takeaway(report) == [
      "Each task blocked the event loop's one thread, so CPython 3.11.7 ran them one after another: "
        + "3 tasks took 3.00s, the sum of their delays. Try mode=await or mode=thread.",
    ])
  }
}
