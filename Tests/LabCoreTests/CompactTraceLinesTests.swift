import Foundation
import LabCore
import Testing

/// The tracer's batch lines made whole again: each task event comes back as the JSON line the
/// tracer wrote before it batched them, and reads as that line reads.
struct CompactTraceLinesTests {
  @Test func aTasksEventsComeBackAsTheLinesTheTracerWroteWithItsFieldsOnEach() throws {
    var reader = CompactTraceLines()
    let origin = 1_000_000_000_000
    let batch = "[\(origin),[1,7,\(origin + 1_230_000),\(origin + 1_250_049),\"fetch('a', 1)\",1,2,null],"
      + "[5,7,\(origin + 1_300_000),\"sleep 0.5s\",[]],[5,7,\(origin + 501_000_000),null,[]],"
      + "[2,7,\(origin + 501_200_000),\"'a'\"]]"
    let read = reader.lines(batch)
    let lines = try #require(read)
    #expect(lines.map(\.text) == [
      #"{"type":"event","t":0.0012,"id":7,"task":"fetch('a', 1)","parent":1,"gather":2,"group":null,"event":"waiting"}"#,
      #"{"type":"event","t":0.0013,"id":7,"task":"fetch('a', 1)","parent":1,"gather":2,"group":null,"event":"started"}"#,
      #"{"type":"await","t":0.0013,"id":7,"on":"sleep 0.5s","tasks":[]}"#,
      #"{"type":"await","t":0.5010,"id":7,"on":null,"tasks":[]}"#,
      #"{"type":"event","t":0.5012,"id":7,"task":"fetch('a', 1)","parent":1,"gather":2,"group":null,"event":"finished","value":"'a'"}"#,
    ])
    // Each line reads as its text does.
    for (text, line) in lines {
      #expect(TraceLine.parse(text) == line, "\(text)")
    }
  }

  @Test func aResultOfNoneOrAnIntAFailureAndACancellationReadAsTheTracerShowedThem() throws {
    var reader = CompactTraceLines()
    let batch = #"[0,[1,1,0,0,"a()",null,null,null],[1,2,0,0,"b()",1,null,3],[1,3,0,0,"c()",1,null,3],[1,4,0,0,"d()",1,null,3],"#
      + #"[2,1,10000000000,null],[2,2,20000000000,-42],[4,3,30000000000,"ValueError: bad \"x\""],[3,4,40000000000]]"#
    let read = reader.lines(batch)
    let lines = try #require(read)
    #expect(lines.count == 12)
    #expect(lines[8].text == #"{"type":"event","t":10.0000,"id":1,"task":"a()","parent":null,"gather":null,"group":null,"event":"finished","value":"None"}"#)
    #expect(lines[9].text == #"{"type":"event","t":20.0000,"id":2,"task":"b()","parent":1,"gather":null,"group":3,"event":"finished","value":"-42"}"#)
    #expect(lines[10].text == #"{"type":"event","t":30.0000,"id":3,"task":"c()","parent":1,"gather":null,"group":3,"event":"failed","error":"ValueError: bad \"x\""}"#)
    #expect(lines[11].text == #"{"type":"event","t":40.0000,"id":4,"task":"d()","parent":1,"gather":null,"group":3,"event":"cancelled"}"#)
    #expect(lines[10].line.error == #"ValueError: bad "x""#)
    #expect(lines[9].line.value == "-42")
  }

  @Test func wholeLinesInABatchReadAsTheyWouldAloneAndKeepTheirPlace() throws {
    var reader = CompactTraceLines()
    let gather = #"{\"type\": \"gather\", \"t\": 0.0011, \"gather\": 1, \"parent\": 1, \"tasks\": [2, 3]}"#
    let read = reader.lines(#"[5,"\#(gather)",[1,2,5,5,"w(\u00e9)",1,1,null],"not a line of the tracer's"]"#)
    let lines = try #require(read)
    #expect(lines.count == 3)
    #expect(lines[0].text == #"{"type": "gather", "t": 0.0011, "gather": 1, "parent": 1, "tasks": [2, 3]}"#)
    #expect(lines[0].line.tasks == [2, 3])
    #expect(lines[1].line.task == "w(é)")
    #expect(lines[2].line.event == "started")
  }

  @Test func aWriteLineReadsAsTheOutputPairingReadsTheTracersOwn() throws {
    var reader = CompactTraceLines()
    let read = reader.lines(#"[0,[6,1500000000,"stdout",3,12],[6,2000000,"stderr",4,1]]"#)
    let lines = try #require(read)
    #expect(lines.map(\.text) == [
      #"{"type":"write","t":1.5000,"stream":"stdout","seq":3,"bytes":12}"#,
      #"{"type":"write","t":0.0020,"stream":"stderr","seq":4,"bytes":1}"#,
    ])
    #expect(OutputPairing.WriteMark(ArraySlice(lines[0].text.utf8)) == OutputPairing.WriteMark(time: 1.5, stream: .output, seq: 3, bytes: 12))
    #expect(lines[1].line == TraceLine(type: "write", t: 0.002))
  }

  @Test func aTenthOfAMillisecondRoundsHalfUpAndTimesBeforeTheOriginStayNegative() {
    #expect(CompactTraceLines.ticks(49_999) == 0)
    #expect(CompactTraceLines.ticks(50_000) == 1)
    #expect(CompactTraceLines.ticks(-150_000) == -2)
    #expect(CompactTraceLines.text(ticks: 12_345) == "1.2345")
    #expect(CompactTraceLines.text(ticks: 7) == "0.0007")
    #expect(CompactTraceLines.text(ticks: -2) == "-0.0002")
    #expect(CompactTraceLines.seconds(1_230) == 0.123)
  }

  @Test func theEndOfATaskNeverStartedSaysNothingAndTheRestOfItsBatchReads() throws {
    var reader = CompactTraceLines()
    let read = reader.lines(#"[0,[2,9,100,null],[1,1,0,0,"a()",null,null,null],[3,9,100]]"#)
    let lines = try #require(read)
    #expect(lines.map(\.line.event) == ["waiting", "started"])
  }

  @Test func aBatchThatIsNotOneIsRefused() {
    var reader = CompactTraceLines()
    let unknownKind = reader.lines("[0,[9,1,100]]")
    #expect(unknownKind == nil)
    let shortStart = reader.lines("[0,[1,1,0,0,\"a()\",null,null]]")
    #expect(shortStart == nil)
    let unclosed = reader.lines("[0,[3,1,0]")
    #expect(unclosed == nil)
    let plainLine = reader.lines("{\"type\":\"trace\"}")
    #expect(plainLine == nil)
  }
}
