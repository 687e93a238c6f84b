import Foundation
import LabCore
import LabTerminal
import Testing
import TestSupport
import Clocks

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct SVGWriterTests {
  @Test func textAndAttributesEscapeAllFiveSpecialCharacters() {
    #expect(XMLEscaping.escape(#"<b>&"x'</b>"#) == "&lt;b&gt;&amp;&quot;x&apos;&lt;/b&gt;")
    #expect(XMLEscaping.escape("fetch('a') → ✓") == "fetch(&apos;a&apos;) → ✓")
    #expect(XMLEscaping.escape("bell\u{07}null\u{00}tab\t") == "bell\u{FFFD}null\u{FFFD}tab\t")
  }

  @Test func elementsWriteTheirAttributesInOrderEscaped() {
    let element = SVGElement("g", ["class": "task", "data-task": #"a"b"#], [
      SVGElement("text", ["x": "10"], text: "1 < 2 & 3"),
      SVGElement("rect", ["width": "5"]),
    ])
    #expect(element.markup == """
      <g class="task" data-task="a&quot;b">
        <text x="10">1 &lt; 2 &amp; 3</text>
        <rect width="5"/>
      </g>
      """)
  }
}

@Suite struct TimelineSVGTests {
  func document(_ text: String) throws -> XMLDocument {
    let run = try RecordingFixtures.run(text)
    let snapshot = run.timeline(through: run.recording.entries.count).snapshot(title: run.title, speed: 1, now: run.end, isFinal: true)
    return try XMLDocument(xmlString: TimelineSVG.document(snapshot))
  }

  func nodes(_ document: XMLDocument, _ xpath: String) throws -> [XMLNode] {
    try document.nodes(forXPath: xpath)
  }

  @Test func theSVGIsXMLWithOneRowPerTaskAndTheJoinMarker() throws {
    let svg = try document(RecordingFixtures.errorCancelGather)
    let rows = try nodes(svg, "//*[local-name()='g'][contains(@class,'task')]")
    #expect(rows.count == 3)
    #expect(try rows.map { try $0.nodes(forXPath: "./*[@class='label']").first?.stringValue } == ["[0] A", "[1] B", "[2] C"])
    #expect(try rows.map { try $0.nodes(forXPath: "./*[@class='status']").first?.stringValue } == [
      "✗ 1st A failed", "✓ 2nd \"B\" (lost)", "✓ 3rd \"C\" (lost)",
    ])
    #expect(try rows.map { try $0.nodes(forXPath: "@data-state").first?.stringValue } == ["failed", "finished", "finished"])
    let orphans = try nodes(svg, "//*[local-name()='g'][contains(@class,'orphan')]/@data-task").map(\.stringValue)
    #expect(orphans == ["B", "C"])
    let join = try nodes(svg, "//*[local-name()='g'][@class='marker join']")
    #expect(join.count == 1)
    #expect(try join.first?.nodes(forXPath: "./*[local-name()='text']").first?.stringValue == "▲ error reached the caller 1.00s")
    #expect(try nodes(svg, "//*[local-name()='g'][@class='marker deadline']").isEmpty)
    let legend = try nodes(svg, "//*[local-name()='g'][@class='legend']/*[local-name()='text']").map(\.stringValue)
    // Only what the picture draws: nothing here was cancelled or is still running.
    #expect(legend == ["▒ orphan (result lost)", "✓ done", "✗ failed"])
    let ticks = try nodes(svg, "//*[local-name()='g'][@class='axis']/*[local-name()='text']").compactMap(\.stringValue)
    #expect(ticks == ["0s", "0.25s", "0.5s", "0.75s", "1s", "1.25s", "1.5s", "1.75s", "2s"])
  }

  /// A cancelled bar as on the terminal: what ran (in the running colour, not cancelled from 0 s),
  /// the cut, then the rest of its plan, faint; the legend says so.
  @Test func aCancelledBarShowsWhatRanTheCutAndTheFaintRestOfItsPlan() throws {
    let svg = try document(RecordingFixtures.timeout)
    let b = try #require(try nodes(svg, "//*[local-name()='g'][@data-task='B']").first)
    func attribute(_ kind: String, _ name: String) throws -> String? {
      try b.nodes(forXPath: "./*[@class='\(kind)']/@\(name)").first?.stringValue
    }
    #expect(try attribute("running", "fill") == "#E69F00")
    #expect(try attribute("planned", "opacity") == "0.3")
    let runEnd = (Double(try attribute("running", "x") ?? "") ?? 0) + (Double(try attribute("running", "width") ?? "") ?? 0)
    let plannedStart = Double(try attribute("planned", "x") ?? "") ?? -1
    #expect(abs(runEnd - plannedStart) < 0.2)
    // B ran 2 of its 3 planned seconds: the faint rest is half as long as what ran.
    #expect(abs((Double(try attribute("planned", "width") ?? "") ?? 0) * 2 - (Double(try attribute("running", "width") ?? "") ?? 0)) < 1)
    #expect(try attribute("cut", "x1") == attribute("planned", "x"))
    let legend = try nodes(svg, "//*[local-name()='g'][@class='legend']/*[local-name()='text']").map(\.stringValue)
    #expect(legend == ["▶ running", "✓ done", "⊘ cancelled", "░ planned, never run"])
  }

  /// What a task did after it got its cancellation (its cleanup) is a bar of its own, and the
  /// legend names it.
  @Test func aCleanupAfterTheCancelIsDrawnApart() throws {
    let svg = try document("""
      {"type":"recording","version":1,"command":["gatherlab","run","cleanup","delays=3"],"columns":80,"rows":24}
      {"type":"demo","demo":"cleanup","speed":1,"params":{"delays":[3],"deadline":1,"cleanup":0.5,"mode":"reraise","swallow":1}}
      {"type":"deadline","t":1}
      {"type":"event","t":0,"task":"A","event":"started"}
      {"type":"event","t":1,"task":"A","event":"cancelling"}
      {"type":"event","t":1.5,"task":"A","event":"cancelled"}
      {"type":"join","t":1.5,"label":"TimeoutError raised","detail":"timed out","outcome":"timedOut","error":"timed out"}
      {"type":"result","outcome":"timedOut"}

      """)
    let a = try #require(try nodes(svg, "//*[local-name()='g'][@data-task='A']").first)
    let after = try #require(try a.nodes(forXPath: "./*[@class='after-cancel']").first as? XMLElement)
    let running = try #require(try a.nodes(forXPath: "./*[@class='running']").first as? XMLElement)
    let runX = Double(running.attribute(forName: "x")?.stringValue ?? "") ?? 0
    let runWidth = Double(running.attribute(forName: "width")?.stringValue ?? "") ?? 0
    // 1.5 s ran; the last 0.5 s, from the cancel, is the cleanup.
    #expect(abs((Double(after.attribute(forName: "width")?.stringValue ?? "") ?? 0) * 3 - runWidth) < 1)
    #expect(abs((Double(after.attribute(forName: "x")?.stringValue ?? "") ?? 0) - (runX + runWidth * 2 / 3)) < 1)
    #expect(try a.nodes(forXPath: "./*[@class='after-cancel']/@fill").first?.stringValue == "url(#after-cancel)")
    let legend = try nodes(svg, "//*[local-name()='g'][@class='legend']/*[local-name()='text']").map(\.stringValue)
    #expect(legend.contains("▓ after its cancel"))
  }

  @Test func aTimeoutMarksItsDeadline() throws {
    let svg = try document(RecordingFixtures.timeout)
    let deadline = try nodes(svg, "//*[local-name()='g'][@class='marker deadline']")
    #expect(try deadline.first?.nodes(forXPath: "@data-time").first?.stringValue == "2.000")
    #expect(try deadline.first?.nodes(forXPath: "./*[local-name()='text']").first?.stringValue == "┆ deadline 2.00s")
  }

  @Test func valuesAndErrorsComeBackUnchangedThroughTheEscaping() throws {
    let svg = try document(RecordingFixtures.unknownDemo)
    let statuses = try nodes(svg, "//*[@class='status']").compactMap(\.stringValue)
    #expect(statuses == [#"✓ 1st "<b>&"x'</b>""#, #"✗ 2nd KeyError('<a> & "b"')"#])
    let tasks = try nodes(svg, "//*[local-name()='g'][contains(@class,'task')]/@data-task").compactMap(\.stringValue)
    #expect(tasks == ["fetch('a')", "fetch('b')"])
  }
}

@Suite(.timeLimit(.minutes(1))) struct AsciicastExportTests {
  func events(_ cast: String) throws -> (header: [String: Any], events: [[Any]]) {
    let lines = cast.split(separator: "\n").map { Data($0.utf8) }
    let header = try #require(try JSONSerialization.jsonObject(with: lines[0]) as? [String: Any])
    let events = try lines.dropFirst().map { try #require(try JSONSerialization.jsonObject(with: $0) as? [Any]) }
    return (header, events)
  }

  @Test func theHeaderHasTheRecordedSizeAndEveryEventIsTimeCodeData() throws {
    let (header, events) = try events(AsciicastExport.cast(try RecordingFixtures.run(RecordingFixtures.errorCancelGather)))
    #expect(header["version"] as? Int == 2)
    #expect(header["width"] as? Int == 60)
    #expect(header["height"] as? Int == 16)
    #expect(header["title"] as? String == "error-cancel · delays=2,2 · fail-at=1 · mode=gather")
    let times = events.compactMap { $0[0] as? Double }
    #expect(times.count == events.count)
    #expect(times == times.sorted())
    #expect(events.allSatisfy { $0.count == 3 && ["o", "m"].contains($0[1] as? String) && $0[2] is String })
    let markers = events.filter { $0[1] as? String == "m" }.map { [$0[0] as? Double ?? -1, $0[2] as? String ?? ""] as [AnyHashable] }
    #expect(markers == [
      [0.001, "0.00s [0] A, [1] B and [2] C started"],
      [1.002, "1.00s [0] A failed; error reached the caller"],
      [2.001, "2.00s [1] B and [2] C finished, but nobody reads their results"],
    ])
    // Frames go to a player, which has no line discipline: every newline comes with its return.
    let output = events.filter { $0[1] as? String == "o" }.compactMap { $0[2] as? String }.joined()
    #expect(!output.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  @Test func timesAreRealSecondsAtTheRecordedSpeed() throws {
    let (_, events) = try events(AsciicastExport.cast(try RecordingFixtures.run(RecordingFixtures.timeout)))
    let markers = events.filter { $0[1] as? String == "m" }.compactMap { $0[0] as? Double }
    // Recorded at speed 2: the nominal seconds 0, 1 and 2 are real 0, 0.5 and 1.
    #expect(markers == [0, 0.5, 1])
  }

  @Test func theLastFrameIsTheLiveViewsLastFrame() async throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let (_, events) = try events(AsciicastExport.cast(run))
    let lastFrame = try #require(events.last { $0[1] as? String == "o" }?[2] as? String)

    // The live replay on a 60×16 terminal, as `gatherlab replay` draws it.
    #expect(try await lastReplayedFrame(run, width: 60, height: 16, tenths: 22) == lastFrame)
    #expect(lastFrame.contains("2.00s"))
  }
}

@Suite struct TraceEventExportTests {
  func trace(_ text: String) throws -> [[String: Any]] {
    let json = TraceEventExport.json(try RecordingFixtures.run(text))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["displayTimeUnit"] as? String == "ms")
    return try #require(object["traceEvents"] as? [[String: Any]])
  }

  @Test func oneNamedTrackPerTaskAndOneForTheCaller() throws {
    let events = try trace(RecordingFixtures.errorCancelGather)
    let names = events.filter { $0["name"] as? String == "thread_name" }
      .map { "\($0["tid"] as? Int ?? -1) \(($0["args"] as? [String: Any])?["name"] as? String ?? "")" }
    #expect(names == ["1 caller", "2 [0] A", "3 [1] B", "4 [2] C"])
    #expect(events.allSatisfy { $0["pid"] as? Int == 1 })
    #expect(events.filter { $0["name"] as? String == "process_name" }.count == 1)
  }

  @Test func runningIsACompleteEventInMicrosecondsAndFailuresAndJoinsAreInstants() throws {
    let events = try trace(RecordingFixtures.errorCancelGather)
    let complete = events.filter { $0["ph"] as? String == "X" }
      .map { "\($0["name"]!) tid=\($0["tid"]!) ts=\($0["ts"]!) dur=\($0["dur"]!)" }
    #expect(complete == [
      "running tid=2 ts=0 dur=1001000",
      "running tid=3 ts=0 dur=2000000",
      "running tid=4 ts=1000 dur=2000000",
      "await tid=1 ts=0 dur=1002000",
    ])
    let instants = events.filter { $0["ph"] as? String == "i" }
      .map { "\($0["name"]!) tid=\($0["tid"]!) ts=\($0["ts"]!) s=\($0["s"]!)" }
    #expect(instants == ["[0] A failed tid=2 ts=1001000 s=t", "error reached the caller tid=1 ts=1002000 s=p"])
    let b = try #require(events.first { $0["ph"] as? String == "X" && $0["tid"] as? Int == 3 }?["args"] as? [String: Any])
    #expect(b["value"] as? String == "B")
    #expect(b["orphan"] as? Bool == true)
    #expect(b["finishRank"] as? Int == 2)
    #expect(events.allSatisfy { ($0["ts"] == nil || $0["ts"] is Int) && ($0["dur"] == nil || $0["dur"] is Int) })
  }

  @Test func cancellationsAndDeadlinesAreInstantsToo() throws {
    let events = try trace(RecordingFixtures.timeout)
    let instants = events.filter { $0["ph"] as? String == "i" }
      .map { "\($0["name"]!) tid=\($0["tid"]!) ts=\($0["ts"]!)" }
    #expect(instants == ["[1] B cancelled tid=3 ts=2000000", "deadline tid=1 ts=2000000", "deadline passed tid=1 ts=2000000"])
  }
}

@Suite struct RowLabelTests {
  @Test func rowsAreNamedByTheirZeroBasedArgumentIndex() {
    #expect(RowLabel.text(TimelineRow(name: "A", index: 0)) == "[0] A")
    #expect(RowLabel.text(TimelineRow(name: "C", index: 2)) == "[2] C")
  }

  @Test func longValuesAreCutFromTheMiddleSoBothEndsStay() {
    #expect(RowLabel.shortened("Data from api.example.com/user/3", to: 22) == "Data from a…com/user/3")
    #expect(RowLabel.shortened("short", to: 22) == "short")
  }
}
