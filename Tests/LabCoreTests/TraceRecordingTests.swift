import LabCore
import LabTerminal
import Testing

/// A `trace --record` recording (written here by hand, as the tracer and `--record` write it)
/// steps with the same tree the trace drew, and where each task waits at each stop.
struct TraceRecordingTests {
  static let text = ([
    #"{"type":"recording","version":1,"command":["gatherlab","trace","/tmp/prog.py","--record","r.jsonl"],"columns":80,"rows":24}"#,
    #"{"type": "trace", "t": 0.0, "runtime": "CPython 3.11.7"}"#,
  ] + TraceTreeTests.workers + [
    #"{"type":"output","t":0.4,"text":"working"}"#,
    TraceTreeTests.event(0.6, 4, "worker('w3', q)", "finished", parent: 1, gather: 1, value: "3"),
    #"{"type":"await","t":0.6,"id":1,"on":"gather #1","tasks":[2,3]}"#,
    #"{"type":"result","outcome":"interrupted","status":130,"tasks":4}"#,
  ]).joined(separator: "\n") + "\n"

  static func recording() throws -> Recording {
    try Recording.parse(text, file: "r.jsonl")
  }

  @Test func aTraceRecordingIsReadAsTheTracersLinesAndOthersAreNot() throws {
    let trace = try #require(TraceRecording(try Self.recording()))
    #expect(trace.title == "trace · prog.py · CPython 3.11.7")
    #expect(trace.end == 0.6)
    #expect(TraceRecording(try Recording.parse(RecordingFixtures.errorCancelGather, file: "demo.jsonl")) == nil)
  }

  @Test func theAccountCountsTheTasksLeftPendingBesideTheOnesThatEnded() throws {
    let trace = try #require(TraceRecording(try Self.recording()))
    // Stopped by a Ctrl-C (its result line says so), as the trace's own account says it.
    #expect(trace.account(width: 80).map(\.plainText) == ["4 tasks: 1 finished, 3 left pending. prog.py was stopped (Ctrl-C)."])
    let ended = [
      #"{"type":"recording","version":1,"command":["gatherlab","trace","/tmp/prog.py","--record","r.jsonl"],"columns":80,"rows":24}"#,
      TraceTreeTests.event(0.0, 1, "main()", "started"),
      TraceTreeTests.event(0.0, 2, "fetch(1)", "started", parent: 1),
      TraceTreeTests.event(0.1, 2, "fetch(1)", "cancelled", parent: 1),
      TraceTreeTests.event(0.2, 1, "main()", "finished", value: "None"),
      #"{"type":"result","outcome":"returned","status":0,"tasks":2}"#,
    ].joined(separator: "\n") + "\n"
    let done = try #require(TraceRecording(try Recording.parse(ended, file: "r.jsonl")))
    #expect(done.account(width: 80).map(\.plainText) == ["2 tasks: 1 finished, 1 cancelled. prog.py exited normally."])
    // A result line without a status says only the count; one that failed, its status.
    let unknown = try #require(TraceRecording(try Recording.parse(ended.replacingOccurrences(of: #","status":0"#, with: ""), file: "r.jsonl")))
    #expect(unknown.account(width: 80).map(\.plainText) == ["2 tasks: 1 finished, 1 cancelled."])
    let failed = try #require(TraceRecording(try Recording.parse(ended.replacingOccurrences(of: #""outcome":"returned","status":0"#, with: #""outcome":"raised","status":1"#), file: "r.jsonl")))
    #expect(failed.account(width: 80).map(\.plainText) == ["2 tasks: 1 finished, 1 cancelled. prog.py exited with status 1."])
  }

  /// The last picture of a run stopped by a Ctrl-C is titled as the trace titled it.
  @Test func theLastPictureOfAnInterruptedRunSaysWhenItWasStopped() throws {
    let trace = try #require(TraceRecording(try Self.recording()))
    #expect(trace.ending == .interrupted)
    let title = try #require(trace.frame(at: trace.end, width: 80, height: 24, isFinal: true).first?.plainText)
    #expect(title.hasPrefix("trace · prog.py · CPython 3.11.7") && title.hasSuffix("interrupted at 0.60s"), "\(title)")
    #expect(trace.frame(at: trace.end, width: 80, height: 24).first?.plainText.hasSuffix("0.60s") == true)
  }

  @Test func aStopShowsTheTreeThenWhereEachTaskWaits() throws {
    let trace = try #require(TraceRecording(try Self.recording()))
    #expect(trace.stop(at: 0.6, width: 40, height: 24).map(\.plainText) == [
      "trace · prog.py · CPython 3.11.7  0.60s",
      "#1 main()              ◌ gather #1",
      "└ gather #1 · 3 tasks",
      "  ├ #2 worker('w1', q) ◌ Queue.get",
      "  ├ #3 worker('w2', q) ◌ Queue.get",
      "  └ #4 worker('w3', q) ✓ 0.60s \"3\"",
      "",
      "where each task waits at 0.60s",
      "#1 main()            ◌ gather #1",
      "├ #2 worker('w1', q) ◌ Queue.get",
      "└ #3 worker('w2', q) ◌ Queue.get",
    ])
  }

  @Test func aStopSaysWhatHappenedByTraceId() throws {
    let trace = try #require(TraceRecording(try Self.recording()))
    #expect(trace.happened(after: nil, through: 0.0) == [
      "#1 main(), #2 worker('w1', q), #3 worker('w2', q) and #4 worker('w3', q) started",
      "#1 main() waits on gather #1",
    ])
    #expect(trace.happened(after: 0.0, through: 0.6) == [
      "#4 worker('w3', q) finished",
      "#2 worker('w1', q) and #3 worker('w2', q) wait on Queue.get",
      "#4 worker('w3', q) waits on sleep 0.5s",
      "#1 main() waits on gather #1",
    ])
  }

  @Test func steppingATraceRecordingDrawsItsTreeAndNamesTasksByTraceId() throws {
    let run = RecordedRun(try Self.recording())
    let trace = TraceRecording(run.recording)
    let screen = StepPlayback.screen(run, step: run.steps.count - 1, width: 40, height: 24, trace: trace).map(\.plainText)
    #expect(screen.first == "trace · prog.py · CPython 3.11.7  0.60s")
    #expect(screen.contains("where each task waits at 0.60s"))
    #expect(screen.contains("0.60s #4 worker('w3', q) finished; #2"))
    #expect(!screen.joined().contains("[0]"))
  }
}
