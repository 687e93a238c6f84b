import LabCore
import Testing

/// A traced program's output on virtual time, paired with the tracer's write lines, with the two
/// sides arriving in every order a pipe and a FIFO can give them: each write is handed on as soon
/// as both its bytes and its line are here, in its line's place, and nothing waits for more.
struct OutputPairingTests {
  typealias Mark = OutputPairing.WriteMark

  static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
  static func event(_ id: Int, at time: Double, _ event: String) -> OutputPairing.Traced {
    let text = #"{"type":"event","t":\#(time),"id":\#(id),"event":"\#(event)"}"#
    return .line(.trace(text, TraceLine(type: "event", t: time, id: id, event: event)))
  }
  static func write(_ seq: Int, at time: Double, _ count: Int, on stream: OutputPairing.Stream = .output) -> OutputPairing.Traced {
    .write(Mark(time: time, stream: stream, seq: seq, bytes: count))
  }
  /// What was handed on, as `t text` or `t #id event`, one entry per message.
  static func shown(_ messages: [TracedProgram.Message]) -> [String] {
    messages.map { message in
      switch message {
      case .trace(_, let line): "\(line.t ?? -1) #\(line.id ?? 0) \(line.event ?? line.type)"
      case .output(let time, let text): "\(time) out \(text.debugDescription)"
      case .errorOutput(let time, let text): "\(time) err \(text.debugDescription)"
      }
    }
  }

  @Test func aWriteWhoseBytesCameFirstGoesTheMomentItsLineArrives() {
    var pairing = OutputPairing()
    #expect(pairing.arrived([.frame(seq: 1, bytes: Self.bytes("tick 0\n"))], on: .output).isEmpty)
    let out = pairing.traced([Self.event(1, at: 0, "started"), Self.write(1, at: 0, 7)], now: 0.02)
    #expect(Self.shown(out) == ["0.0 #1 started", #"0.0 out "tick 0\n""#])
  }

  @Test func aWriteWhoseLineCameFirstGoesTheMomentItsBytesArriveAndTheLinesAfterItWait() {
    var pairing = OutputPairing()
    // The line, and a task's end after it: the end waits for the write before it.
    let first = pairing.traced([Self.write(1, at: 1, 7), Self.event(1, at: 2, "finished")], now: 0.02)
    #expect(first.isEmpty)
    // Half the write's bytes (a write longer than a frame holds): still waiting.
    #expect(pairing.arrived([.frame(seq: 1, bytes: Self.bytes("tick"))], on: .output).isEmpty)
    let rest = pairing.arrived([.frame(seq: 1, bytes: Self.bytes(" 1\n"))], on: .output)
    #expect(Self.shown(rest) == [#"1.0 out "tick""#, #"1.0 out " 1\n""#, "2.0 #1 finished"])
  }

  @Test func aServersLogLinesGoOneByOneAsTheyAreWrittenNotAtTheEnd() {
    // Five writes a second apart, each side arriving in its own batch: every write is shown
    // before the next is even written.
    var pairing = OutputPairing()
    for second in 0..<5 {
      let text = "log \(second)\n"
      let now = Double(second)
      #expect(pairing.arrived([.frame(seq: second + 1, bytes: Self.bytes(text))], on: .error).isEmpty)
      let out = pairing.traced([Self.write(second + 1, at: now, text.utf8.count, on: .error)], now: now + 0.02)
      #expect(Self.shown(out) == ["\(now) err \(text.debugDescription)"])
    }
    #expect(pairing.finish().isEmpty)
    #expect(pairing.text(.error) == "log 0\nlog 1\nlog 2\nlog 3\nlog 4\n")
  }

  @Test func plainBytesGoAtOnceUnlessAFrameBeforeThemWaitsForItsLine() {
    var pairing = OutputPairing()
    let child = pairing.arrived([.plain(Self.bytes("child\n"))], on: .output)
    #expect(Self.shown(child) == [#"0.0 out "child\n""#])
    // A frame, then a child's bytes behind it: both wait for the frame's line.
    #expect(pairing.arrived([.frame(seq: 1, bytes: Self.bytes("mine\n")), .plain(Self.bytes("child again\n"))], on: .output).isEmpty)
    let out = pairing.traced([Self.write(1, at: 0.5, 5)], now: 0.52)
    #expect(Self.shown(out) == [#"0.5 out "mine\n""#, #"0.5 out "child again\n""#])
  }

  @Test func aLineWhoseFramesNeverComeIsGivenUpAfterThePatienceAndTheTraceGoesOn() {
    var pairing = OutputPairing(patience: 5)
    #expect(pairing.traced([Self.write(1, at: 0, 3), Self.event(1, at: 0.1, "finished")], now: 1).isEmpty)
    #expect(pairing.due(now: 5.9).isEmpty)
    #expect(Self.shown(pairing.due(now: 6)) == ["0.1 #1 finished"])
    // Its bytes, should they come after all, go as plain bytes at the trace's latest instant.
    #expect(Self.shown(pairing.arrived([.frame(seq: 1, bytes: Self.bytes("hi\n"))], on: .output)) == [#"0.1 out "hi\n""#])
  }

  @Test func theNextLineToWaitIsGivenUpOnTooWhenTheOneBeforeItWasPaired() {
    var pairing = OutputPairing(patience: 5)
    _ = pairing.traced([Self.write(1, at: 0, 2), Self.write(2, at: 0.5, 2), Self.event(1, at: 1, "finished")], now: 0)
    // The first write's bytes come at 1 s; the second's never do, and no line comes after.
    #expect(Self.shown(pairing.arrived([.frame(seq: 1, bytes: Self.bytes("a\n"))], on: .output)) == [#"0.0 out "a\n""#])
    #expect(pairing.due(now: 1.05).isEmpty)
    #expect(pairing.due(now: 6).isEmpty)
    #expect(Self.shown(pairing.due(now: 6.05)) == ["1.0 #1 finished"])
  }

  @Test func aClosedPipeLetsTheLinesWaitingForItsFramesGo() {
    var pairing = OutputPairing()
    #expect(pairing.traced([Self.write(1, at: 0, 3, on: .error), Self.event(1, at: 0, "finished")], now: 0).isEmpty)
    #expect(Self.shown(pairing.ended(.error)) == ["0.0 #1 finished"])
  }

  @Test func twoHundredThousandWritesArePairedWithoutTheQueueBeingMovedForEach() {
    // 200 000 unbuffered prints: frames of a whole pipe's read queued, then their lines. Fails
    // (by the suite's time limit, or a wrong total) if each write moves the queue behind it.
    var pairing = OutputPairing()
    var shown = 0
    var expected = ""
    for batch in 0..<100 {
      var frames: [OutputFrameScanner.Segment] = []
      var lines: [OutputPairing.Traced] = []
      for index in 0..<2000 {
        let seq = batch * 2000 + index + 1
        let text = "\(seq)\n"
        expected += text
        frames.append(.frame(seq: seq, bytes: Self.bytes(text)))
        lines.append(Self.write(seq, at: Double(batch), text.utf8.count))
      }
      shown += pairing.arrived(frames, on: .output).count
      shown += pairing.traced(lines, now: Double(batch)).count
    }
    #expect(shown == 200_000)
    #expect(pairing.text(.output) == expected)
  }

  @Test func aCharacterCutBetweenTwoWritesIsHandedOnWhole() {
    var pairing = OutputPairing()
    let e = Self.bytes("é")
    _ = pairing.arrived([.frame(seq: 1, bytes: [e[0]]), .frame(seq: 2, bytes: [e[1]] + Self.bytes("\n"))], on: .output)
    let out = pairing.traced([Self.write(1, at: 0, 1), Self.write(2, at: 0, 2)], now: 0)
    #expect(Self.shown(out) == [#"0.0 out "é\n""#])
  }

  @Test func theTracersWriteLineIsReadFromItsBytes() {
    let line = Self.bytes(#"{"type":"write","t":12.3456,"stream":"stderr","seq":42,"bytes":7}"#)
    #expect(Mark(line[...]) == Mark(time: 12.3456, stream: .error, seq: 42, bytes: 7))
    #expect(Mark(Self.bytes(#"{"type":"write","t":0.0000,"stream":"stdout","seq":1,"bytes":460}"#)[...])
      == Mark(time: 0, stream: .output, seq: 1, bytes: 460))
    #expect(Mark(Self.bytes(#"{"type":"write","t":1.5,"stream":"stdin","seq":1,"bytes":1}"#)[...]) == nil)
    #expect(Mark(Self.bytes(#"{"type":"write","t":1.5,"stream":"stdout","seq":1,"bytes":1} "#)[...]) == nil)
    #expect(Mark(Self.bytes(#"{"type":"event","t":1.5}"#)[...]) == nil)
    #expect(OutputPairing.WriteMark.isWrite(line[...]))
    #expect(!OutputPairing.WriteMark.isWrite(Self.bytes(#"{"type":"flushed","t":1.5}"#)[...]))
  }
}
