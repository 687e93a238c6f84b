import Foundation
import LabCore
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// A run stopped by Ctrl-C exports its unfinished rows as interrupted, as the terminal draws them
/// (`■ interrupted`), not as still running: nothing more will be heard from them.
@Suite struct InterruptedExportTests {
  /// `gatherlab run ordering` (delays 3,1,2) stopped by Ctrl-C at 1.5 s: B finished, A and C cut off.
  static let interruptedOrdering = """
    {"type":"recording","version":1,"command":["gatherlab","run","ordering"],"columns":80,"rows":24}
    {"type":"demo","demo":"ordering","speed":1,"params":{"delays":[3,1,2]}}
    {"type":"event","t":0,"task":"A","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0,"task":"B","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":0,"task":"C","event":"started","value":null,"error":null,"phase":null}
    {"type":"event","t":1,"task":"B","event":"finished","value":"B","error":null,"phase":null}
    {"type":"join","t":1.5,"label":"interrupted","detail":"Ctrl-C","outcome":"interrupted"}
    {"type":"result","outcome":"interrupted"}

    """

  static func run() throws -> RecordedRun {
    RecordedRun(try Recording.parse(interruptedOrdering, file: "class.jsonl"))
  }

  @Test func theSVGLabelsTheRowsACtrlCCutOffInterrupted() throws {
    let svg = try XMLDocument(xmlString: TimelineSVG.export(try Self.run()))
    let rows = try svg.nodes(forXPath: "//*[local-name()='g'][contains(@class,'task')]")
    #expect(try rows.map { try $0.nodes(forXPath: "./*[@class='status']").first?.stringValue } == [
      "■ interrupted", "✓ 1st \"B\"", "■ interrupted",
    ])
    #expect(try rows.map { try $0.nodes(forXPath: "@data-state").first?.stringValue } == ["interrupted", "finished", "interrupted"])
    let legend = try svg.nodes(forXPath: "//*[local-name()='g'][@class='legend']/*[local-name()='text']").map(\.stringValue)
    #expect(legend == ["▶ running", "✓ done", "■ interrupted"])
  }

  @Test func theTraceSaysTheRowsWereInterruptedAndWhen() throws {
    let json = TraceEventExport.json(try Self.run())
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let events = try #require(object["traceEvents"] as? [[String: Any]])
    let states = events.filter { $0["ph"] as? String == "X" && $0["name"] as? String == "running" }
      .map { "tid=\($0["tid"]!) \((($0["args"] as? [String: Any])?["state"] as? String) ?? "")" }
    #expect(states == ["tid=2 interrupted", "tid=3 finished", "tid=4 interrupted"])
    let instants = events.filter { $0["ph"] as? String == "i" }.map { "\($0["name"]!) tid=\($0["tid"]!) ts=\($0["ts"]!)" }
    #expect(instants == ["[0] A interrupted tid=2 ts=1500000", "[2] C interrupted tid=4 ts=1500000", "interrupted tid=1 ts=1500000"])
  }

  @Test func aRunThatEndedStillSaysRunningForNothing() throws {
    let svg = TimelineSVG.export(try RecordedRun(Recording.parse(RecordingFixtures.timeout, file: "t.jsonl")))
    #expect(!svg.contains("interrupted"))
  }
}
