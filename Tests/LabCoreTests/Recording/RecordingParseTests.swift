import LabCore
import Testing

@Suite struct RecordingParseTests {
  @Test func aRecordingKeepsItsHeaderItsRunLinesUnchangedAndTheirEntries() throws {
    let recording = try Recording.parse(RecordingFixtures.errorCancelGather, file: "class.jsonl")
    #expect(recording.header == RecordingHeader(
      command: ["gatherlab", "run", "error-cancel", "mode=gather", "--record", "class.jsonl"], columns: 60, rows: 16
    ))
    #expect(recording.run == DemoJSONHeader(demo: "error-cancel", speed: 1, params: ["delays": "2,2", "fail-at": "1", "mode": "gather"]))
    #expect(recording.lines.count == 9)
    #expect(recording.lines[0] == #"{"type":"demo","demo":"error-cancel","speed":1,"params":{"delays":[2,2],"fail-at":1,"mode":"gather"}}"#)
    #expect(recording.entries.count == 7)
    #expect(recording.entries[4] == .join(DemoJoin(
      time: 1.002, label: "error reached the caller", detail: "A failed", outcome: .threw, error: "A failed"
    )))
    #expect(recording.recordedOutcome == "threw")
  }

  @Test func theHeaderLineIsWhatParsingReads() throws {
    let header = RecordingHeader(command: ["gatherlab", "run", "ordering"], columns: 100, rows: 30)
    #expect(header.line == #"{"type":"recording","version":1,"command":["gatherlab","run","ordering"],"columns":100,"rows":30}"#)
    #expect(try RecordingHeader.parse(header.line) == header)
  }

  @Test func aVirtualTimeRunsHeaderSaysSoAndReadsBack() throws {
    let header = RecordingHeader(command: ["gatherlab", "run", "ordering", "--python", "--clock", "virtual"], columns: 80, rows: 24, clock: "virtual", seed: 7)
    #expect(header.line.hasSuffix(#""columns":80,"rows":24,"clock":"virtual","seed":7}"#))
    #expect(try RecordingHeader.parse(header.line) == header)
    let older = try RecordingHeader.parse(#"{"type":"recording","version":1,"command":[],"columns":80,"rows":24}"#)
    #expect(older.clock == nil && older.seed == nil)
  }

  @Test(arguments: [
    ("", "class.jsonl:1: the file is empty, not a recording (make one with gatherlab run DEMO --record FILE)"),
    ("\n\n", "class.jsonl:1: the file is empty, not a recording (make one with gatherlab run DEMO --record FILE)"),
    ("\u{7F}ELF\u{02}\u{01}\n", #"class.jsonl:1: not a gatherlab recording: the first line should be {"type":"recording","version":1,…}"#),
    (#"{"type":"demo","demo":"ordering","speed":1,"params":{}}"# + "\n",
     #"class.jsonl:1: not a gatherlab recording: the first line should be {"type":"recording","version":1,…}"#),
    (#"{"type":"recording","command":[]}"# + "\n", #"class.jsonl:1: the recording header has no valid "version""#),
    (#"{"type":"recording","version":7}"# + "\n",
     "class.jsonl:1: recording version 7 is newer than this gatherlab reads (version 1)"),
    (#"{"type":"recording","version":1,"command":["gatherl"#, "class.jsonl:1: the line stops in the middle: the recording is truncated"),
  ])
  func aFileThatIsNotARecordingIsRefusedAtItsFirstLine(text: String, message: String) {
    #expect(throws: RecordingError.self) { try Recording.parse(text, file: "class.jsonl") }
    #expect(describe { try Recording.parse(text, file: "class.jsonl") } == message)
  }

  @Test func aBadRunLineIsNamedByItsLineNumber() {
    var lines = RecordingFixtures.errorCancelGather.split(separator: "\n").map(String.init)
    lines[5] = #"{"type":"event","task":"A","event":"failed"}"#
    #expect(describe { try Recording.parse(lines.joined(separator: "\n") + "\n", file: "class.jsonl") }
      == #"class.jsonl:6: missing or invalid "t""#)
    lines[5] = "A failed at 1s"
    #expect(describe { try Recording.parse(lines.joined(separator: "\n") + "\n", file: "class.jsonl") }
      == "class.jsonl:6: not a JSON object")
    lines[5] = #"{"type":"event","t":1,"task":"A","event":"exploded"}"#
    #expect(describe { try Recording.parse(lines.joined(separator: "\n") + "\n", file: "class.jsonl") }
      == #"class.jsonl:6: unknown value of "event""#)
  }

  @Test func aRecordingCutShortIsCalledTruncated() {
    let text = RecordingFixtures.errorCancelGather
    // Cut in the middle of the 8th line: the last line stops mid-object.
    let cut = String(text.prefix(upTo: text.range(of: #""task":"B","event":"finished""#)!.lowerBound))
    #expect(describe { try Recording.parse(cut, file: "class.jsonl") }
      == "class.jsonl:8: the line stops in the middle: the recording is truncated")
    // Cut after a whole line: no result line.
    let lines = text.split(separator: "\n").prefix(6).joined(separator: "\n") + "\n"
    #expect(describe { try Recording.parse(lines, file: "class.jsonl") }
      == "class.jsonl:7: the recording ends before the run's result line: it is truncated")
    // The header alone.
    let header = String(text.split(separator: "\n")[0]) + "\n"
    #expect(describe { try Recording.parse(header, file: "class.jsonl") }
      == "class.jsonl:2: the recording ends before the run's result line: it is truncated")
  }

  @Test func linesOfTypesItDoesNotKnowAreKeptButNotDrawn() throws {
    var lines = RecordingFixtures.errorCancelGather.split(separator: "\n").map(String.init)
    lines.insert(#"{"type":"output","t":0.5,"text":"hello"}"#, at: 3)
    let recording = try Recording.parse(lines.joined(separator: "\n") + "\n", file: "class.jsonl")
    #expect(recording.lines[2] == #"{"type":"output","t":0.5,"text":"hello"}"#)
    #expect(recording.entries.count == 7)
  }

  @Test func aFileThatCannotBeReadSaysWhy() {
    #expect(describe { try Recording.read(path: "/nonexistent/class.jsonl") }
      == "Cannot read the recording '/nonexistent/class.jsonl': no such file or directory.")
    #expect(describe { try Recording.read(path: "/") }
      == "Cannot read the recording '/': is a directory.")
  }

  private func describe(_ body: () throws -> Recording) -> String? {
    do {
      _ = try body()
      return nil
    } catch {
      return String(describing: error)
    }
  }
}
