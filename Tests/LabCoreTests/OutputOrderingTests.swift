import LabCore
import Testing

/// The program's output on the real clock, timed on arrival, put among the tracer's lines (which
/// come a flush late) so that `trace --json` never goes back in time. Hand-made arrivals, the
/// reader's clock given with each: no waiting on the wall clock.
struct OutputOrderingTests {
  static func line(_ type: String, at time: Double, id: Int? = nil, _ event: String? = nil) -> TracedProgram.Message {
    .trace(#"{"type":"\#(type)","t":\#(time)}"#, TraceLine(type: type, t: time, id: id, event: event))
  }
  static func shown(_ messages: [TracedProgram.Message]) -> [String] {
    messages.map { message in
      switch message {
      case .trace(_, let line): "\(line.t ?? -1) \(line.event ?? line.type)"
      case .output(let time, let text): "\(time) out \(text.debugDescription)"
      case .errorOutput(let time, let text): "\(time) err \(text.debugDescription)"
      }
    }
  }
  static func times(_ messages: [TracedProgram.Message]) -> [Double] {
    messages.map { message in
      switch message {
      case .trace(_, let line): line.t ?? -1
      case .output(let time, _), .errorOutput(let time, _): time
      }
    }
  }

  @Test func outputWaitsForTheTracersLinesOfEarlierInstantsThatComeAFlushLate() {
    var ordering = OutputOrdering(margin: 0)
    // The program prints at 0.012; the tracer's lines of 0.010 and 0.015 come with its flush at 0.020.
    #expect(ordering.output(.output(time: 0.012, text: "hi\n"), now: 0.013).isEmpty)
    let out = ordering.traced([Self.line("event", at: 0.010, "started"), Self.line("event", at: 0.015, "finished")], flushed: 0.020, now: 0.021)
    #expect(Self.shown(out) == ["0.01 started", #"0.012 out "hi\n""#, "0.015 finished"])
  }

  @Test func outputTimedBeforeLinesAlreadyHandedOnIsStampedAtTheLatestOfThem() {
    // The trace's clock is set when its header is read; a print read from its pipe just before
    // that, and handed on after the first lines went, would go back in time.
    var ordering = OutputOrdering(margin: 0)
    let lines = ordering.traced([Self.line("event", at: 0.0055, "started")], flushed: 0.010, now: 0.011)
    let late = ordering.output(.output(time: 0.0, text: "start\n"), now: 0.012)
    let rest = ordering.traced([Self.line("event", at: 0.012, "finished")], flushed: 0.020, now: 0.021)
    #expect(Self.shown(lines + late + rest) == ["0.0055 started", #"0.0055 out "start\n""#, "0.012 finished"])
  }

  @Test func outputIsPlacedByTheInstantJSONPrintsForIt() {
    // Arrived at 1.23134 s, printed 1.2313: before a task's end stamped 1.2313, not after it.
    var ordering = OutputOrdering(margin: 0)
    _ = ordering.output(.output(time: 1.23134, text: "x"), now: 1.24)
    let out = ordering.traced([Self.line("event", at: 1.2313, "cancelled")], flushed: 1.25, now: 1.26)
    #expect(Self.shown(out) == [#"1.23134 out "x""#, "1.2313 cancelled"])
    #expect(TraceLine.outputJSON(time: 1.23134, text: "x") == #"{"type":"output","t":1.2313,"text":"x"}"#)
  }

  @Test func outputGoesAtTheNextFlushEvenWhenTheTracerHasNothingToSay() {
    var ordering = OutputOrdering(margin: 0.005)
    #expect(ordering.output(.output(time: 1.000, text: "log\n"), now: 1.001).isEmpty)
    // A flush that ends too soon after it (within the margin) does not let it go; the next does.
    #expect(ordering.traced([], flushed: 1.004, now: 1.005).isEmpty)
    #expect(Self.shown(ordering.traced([], flushed: 1.024, now: 1.025)) == [#"1.0 out "log\n""#])
  }

  @Test func linesThatLookBackKeepTheirPlaceAndADeadlineDoesNotLetLaterOutputGo() {
    var ordering = OutputOrdering(margin: 0)
    #expect(ordering.output(.output(time: 0.5, text: "late\n"), now: 0.5).isEmpty)
    // A task's `waiting` at its creation comes with its start; a deadline's t is in the future.
    let out = ordering.traced(
      [Self.line("event", at: 0.3, "started"), Self.line("event", at: 0.1, "waiting"), Self.line("deadline", at: 5)], flushed: 0.4, now: 0.41
    )
    #expect(Self.shown(out) == ["0.3 started", "0.1 waiting", "5.0 deadline"])
    #expect(Self.shown(ordering.traced([], flushed: 0.52, now: 0.53)) == [#"0.5 out "late\n""#])
  }

  @Test func theTwoPipesReadersStampingOutOfTurnStillComeOutInTimeOrder() {
    var ordering = OutputOrdering(margin: 0)
    _ = ordering.output(.errorOutput(time: 0.3, text: "b"), now: 0.3)
    _ = ordering.output(.output(time: 0.2, text: "a"), now: 0.3)
    _ = ordering.output(.output(time: 0.3, text: "c"), now: 0.3)
    #expect(Self.shown(ordering.traced([], flushed: 1, now: 1)) == [#"0.2 out "a""#, #"0.3 err "b""#, #"0.3 out "c""#])
  }

  @Test func whenTheTracerStopsFlushingWhatWaitedGoesAfterThePatience() {
    var ordering = OutputOrdering(margin: 0, patience: 0.25)
    #expect(ordering.traced([Self.line("event", at: 0.1, "started")], flushed: nil, now: 0.12).isEmpty)
    #expect(ordering.output(.output(time: 0.2, text: "x"), now: 0.2).isEmpty)
    #expect(ordering.due(now: 0.3).isEmpty)
    #expect(Self.shown(ordering.due(now: 0.37)) == ["0.1 started", #"0.2 out "x""#])
    #expect(!ordering.isHolding)
  }

  @Test func atTheEndEverythingHeldGoesInTimeOrder() {
    // os._exit, Ctrl-C: the last flush may say nothing of how far it came.
    var ordering = OutputOrdering(margin: 0)
    _ = ordering.output(.output(time: 2.5, text: "bye\n"), now: 2.5)
    _ = ordering.traced([Self.line("event", at: 2.4, "finished"), Self.line("event", at: 2.6, "cancelled")], flushed: nil, now: 2.7)
    #expect(Self.shown(ordering.finish()) == ["2.4 finished", #"2.5 out "bye\n""#, "2.6 cancelled"])
  }

  @Test func anyInterleavingOfArrivalsComesOutNonDecreasing() {
    // Two seconds of a busy program: output every 7 ms, tracer lines every 3 ms, flushed every 20 ms.
    var ordering = OutputOrdering(margin: 0)
    var handed: [TracedProgram.Message] = []
    var pending: [TracedProgram.Message] = []
    for millisecond in 0...2000 {
      let now = Double(millisecond) / 1000
      if millisecond % 3 == 0 { pending.append(Self.line("event", at: now, "started")) }
      if millisecond % 7 == 0 { handed += ordering.output(.output(time: now, text: "\(millisecond)"), now: now) }
      if millisecond % 20 == 0 {
        handed += ordering.traced(pending, flushed: now, now: now)
        pending = []
      }
    }
    handed += ordering.traced(pending, flushed: nil, now: 2.1) + ordering.finish()
    let times = Self.times(handed)
    #expect(times.count == 667 + 286)
    #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
  }
}
