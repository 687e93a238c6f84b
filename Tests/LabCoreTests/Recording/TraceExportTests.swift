import Foundation
import LabCore
import LabTerminal
import Testing
import TestSupport
import Clocks

#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a terminal shows of `text`: without its escape sequences and carriage returns.
private func plain(_ text: String) -> String {
  text.replacing(/\x1B\[[0-9;?]*[A-Za-z]/, with: "").replacingOccurrences(of: "\r", with: "")
}

/// A `trace --record` recording exported as a cast speaks the trace's language: its tree, as
/// `replay` draws it, and markers worded as `replay --step`'s stops.
@Suite(.timeLimit(.minutes(1))) struct TraceAsciicastTests {
  static func cast() throws -> (header: String, events: [(time: Double, code: String, data: String)]) {
    let lines = AsciicastExport.cast(try RecordingFixtures.run(RecordingFixtures.crawlTrace)).split(separator: "\n").map(String.init)
    let events = try lines.dropFirst().map { line in
      let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
      return (time: try #require(event[0] as? Double), code: try #require(event[1] as? String), data: try #require(event[2] as? String))
    }
    return (lines[0], events)
  }

  @Test func theHeaderIsTheTracesTitleAtTheRecordedSize() throws {
    #expect(try Self.cast().header
      == #"{"version":2,"width":60,"height":14,"title":"trace · crawl.py · CPython 3.11.7","env":{"TERM":"xterm-256color"}}"#)
  }

  @Test func markersAreTheStepStopsWordedByTraceId() throws {
    let lines = AsciicastExport.cast(try RecordingFixtures.run(RecordingFixtures.crawlTrace)).split(separator: "\n")
    #expect(lines.filter { $0.contains(#","m","#) } == [
      #"[0,"m","0.00s #1 main() started"]"#,
      #"[0.1,"m","0.10s #2 fetch('a', 0.5), #3 fetch('b', 1) and #4 tick() were created; #1 main() waits on gather #1"]"#,
      #"[0.2,"m","0.20s #2 fetch('a', 0.5), #3 fetch('b', 1) and #4 tick() started; #2 fetch('a', 0.5) waits on sleep 0.5s; #4 tick() waits on task #2"]"#,
      #"[0.8,"m","0.80s #2 fetch('a', 0.5) finished; #3 fetch('b', 1) waits on Queue.get; #4 tick() waits on sleep 10s"]"#,
      #"[1,"m","1.00s #3 fetch('b', 1) and #1 main() failed; #4 tick() was cancelled; gather #1 raised ValueError: b"]"#,
    ])
  }

  /// Read in one pass, the stops say what `replay --step` says at each, stop by stop.
  @Test func eachMarkerIsWhatTheStepperSaysAtThatStop() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.crawlTrace)
    let trace = try #require(TraceRecording(run.recording))
    let markers = try Self.cast().events.filter { $0.code == "m" }
    #expect(markers.map(\.data) == run.steps.map { StepNarration.sentence(for: $0, in: run, trace: trace) })
    #expect(markers.map(\.time) == run.steps.map(\.time))
  }

  @Test func framesAreTheTreeAtTheReplaysInstantsThenTheFinalTreeAndTheCount() throws {
    let (_, events) = try Self.cast()
    let frames = events.filter { $0.code == "o" }
    #expect(frames.map(\.time) == [0, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1])
    #expect(frames.allSatisfy { !$0.data.contains("[0]") && !$0.data.contains("[1]") })
    let atQueue = try #require(frames.first { $0.time == 0.3 })
    #expect(plain(atQueue.data) == """
      trace · crawl.py · CPython 3.11.7                     0.30s
      #1 main()              █████████████████       ◌ gather #1
      ├ gather #1 · 2 tasks
      │ ├ #2 fetch('a', 0.5)       ░░░░░░█████       ◌ sleep 0.5s
      │ └ #3 fetch('b', 1)         ░░░░░░█████       ◌ Queue.get
      └ #4 tick()                  ░░░░░░█████       ◌ task #2
                             0s         0.2s       0.4s
      """)
    #expect(plain(try #require(frames.last).data) == """
      trace · crawl.py · CPython 3.11.7                done 1.00s
      #1 main()              ████████████████ ✗ 1.00s ValueError…
      ├ gather #1 · 2 tasks                 ▲ raised ValueError:…
      │ ├ #2 fetch('a', 0.5)   ░██████████    ✓ 0.80s "'a'"
      │ └ #3 fetch('b', 1)     ░█████████████ ✗ 1.00s ValueError…
      └ #4 tick()              ░█████████████ ⊘ 1.00s cancelled
                             0s             1s

      4 tasks: 1 finished, 2 failed, 1 cancelled. crawl.py exited
      with status 1.
      """)
    // Frames go to a player, which has no line discipline: every newline comes with its return.
    #expect(!frames.map(\.data).joined().replacingOccurrences(of: "\r\n", with: "").contains("\n"))
  }

  /// The cast's last live frame is, byte for byte, the last frame `replay` draws at that size.
  @Test func theLastLiveFrameIsWhatReplayDraws() async throws {
    let run = try RecordingFixtures.run(RecordingFixtures.crawlTrace)
    let (_, events) = try Self.cast()
    let frames = events.filter { $0.code == "o" }
    let lastLive = frames[frames.count - 2].data

    #expect(try await lastReplayedFrame(run, width: 60, height: 14, tenths: 12) == lastLive)
  }
}

/// A trace recording in Perfetto: a track per task named by trace id, slices from its own lines.
@Suite struct TraceTaskTracksTests {
  static func events() throws -> [[String: Any]] {
    let json = TraceEventExport.json(try RecordingFixtures.run(RecordingFixtures.crawlTrace))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(object["displayTimeUnit"] as? String == "ms")
    let other = try #require(object["otherData"] as? [String: Any])
    #expect(other["title"] as? String == "trace · crawl.py · CPython 3.11.7")
    return try #require(object["traceEvents"] as? [[String: Any]])
  }

  @Test func oneTrackPerTaskNamedByTraceIdAndSortedById() throws {
    let events = try Self.events()
    let names = events.filter { $0["name"] as? String == "thread_name" }
      .map { "\($0["tid"] as? Int ?? -1) \(($0["args"] as? [String: Any])?["name"] as? String ?? "")" }
    #expect(names == ["1 #1 main()", "2 #2 fetch('a', 0.5)", "3 #3 fetch('b', 1)", "4 #4 tick()"])
    let order = events.filter { $0["name"] as? String == "thread_sort_index" }
      .map { "\($0["tid"] as? Int ?? -1):\(($0["args"] as? [String: Any])?["sort_index"] as? Int ?? -1)" }
    #expect(order == ["1:1", "2:2", "3:3", "4:4"])
    let process = events.filter { $0["name"] as? String == "process_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
    #expect(process == ["trace · crawl.py · CPython 3.11.7"])
    #expect(events.allSatisfy { $0["pid"] as? Int == 1 })
  }

  /// Waiting until it started, then running and awaiting as its `await` lines say; a slice of no
  /// length (main() made and started at once) is left out.
  @Test func slicesFollowTheAwaitLinesInMicroseconds() throws {
    let events = try Self.events()
    let slices = events.filter { $0["ph"] as? String == "X" }
      .map { "\($0["tid"]!) \($0["name"]!) ts=\($0["ts"]!) dur=\($0["dur"]!)" }
    #expect(slices == [
      "1 running ts=0 dur=100000",
      "1 awaiting gather #1 ts=100000 dur=900000",
      "2 waiting ts=100000 dur=100000",
      "2 awaiting sleep 0.5s ts=200000 dur=500000",
      "2 running ts=700000 dur=100000",
      "3 waiting ts=100000 dur=100000",
      "3 running ts=200000 dur=100000",
      "3 awaiting Queue.get ts=300000 dur=700000",
      "4 waiting ts=100000 dur=100000",
      "4 awaiting task #2 ts=200000 dur=600000",
      "4 awaiting sleep 10s ts=800000 dur=200000",
    ])
    #expect(events.allSatisfy { ($0["ts"] == nil || $0["ts"] is Int) && ($0["dur"] == nil || $0["dur"] is Int) })
  }

  @Test func theLastSliceSaysHowTheTaskEndedAndFailuresJoinsAndCancelsAreInstants() throws {
    let events = try Self.events()
    func args(_ tid: Int, _ name: String) -> String {
      let slice = events.last { $0["tid"] as? Int == tid && $0["name"] as? String == name }
      let args = slice?["args"] as? [String: Any] ?? [:]
      return args.keys.sorted().map { "\($0)=\(args[$0]!)" }.joined(separator: " ")
    }
    #expect(args(1, "awaiting gather #1") == "error=ValueError: b on=gather #1 state=failed task=main()")
    #expect(args(2, "running") == "finishRank=1 state=finished task=fetch('a', 0.5) value='a'")
    #expect(args(2, "awaiting sleep 0.5s") == "on=sleep 0.5s task=fetch('a', 0.5)")
    #expect(args(4, "awaiting sleep 10s") == "on=sleep 10s state=cancelled task=tick()")
    let instants = events.filter { $0["ph"] as? String == "i" }
      .map { "\($0["tid"]!) \($0["name"]!) ts=\($0["ts"]!) s=\($0["s"]!) cat=\($0["cat"]!)" }
    #expect(instants == [
      "1 gather #1 raised ValueError: b ts=1000000 s=t cat=join",
      "1 #1 main() failed ts=1000000 s=t cat=task",
      "3 #3 fetch('b', 1) failed ts=1000000 s=t cat=task",
      "4 #4 tick() cancelled ts=1000000 s=t cat=task",
    ])
  }

  /// A task that never ended runs to the end of the recording: "interrupted" when Ctrl-C cut
  /// the recording, as on the terminal.
  @Test func aTaskLeftPendingByCtrlCEndsInterrupted() throws {
    let json = TraceEventExport.json(RecordedRun(try TraceRecordingTests.recording()))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let events = try #require(object["traceEvents"] as? [[String: Any]])
    let w1 = events.filter { $0["tid"] as? Int == 2 && $0["ph"] as? String != "M" }.map { event in
      let state = (event["args"] as? [String: Any])?["state"] as? String
      return "\(event["name"]!) ts=\(event["ts"]!)" + (event["dur"].map { " dur=\($0)" } ?? "") + (state.map { " " + $0 } ?? "")
    }
    #expect(w1 == [
      "running ts=0 dur=300000",
      "awaiting Queue.get ts=300000 dur=300000 interrupted",
      "#2 worker('w1', q) interrupted ts=600000",
    ])
  }
}

/// A trace recording's SVG: the final tree and the account as monospaced lines.
@Suite struct TraceTreeSVGTests {
  static func document() throws -> String {
    ExportFormat.svg.exporter.export(try RecordingFixtures.run(RecordingFixtures.crawlTrace))
  }

  @Test func theSVGIsTheFinalTreeAndTheAccountOneTextALine() throws {
    #expect(try Self.document() == """
      <?xml version="1.0" encoding="UTF-8"?>
      <svg xmlns="http://www.w3.org/2000/svg" width="835" height="376" viewBox="0 0 835 376" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="22" fill="#1A1A1A" xml:space="preserve" style="white-space: pre">
        <title>trace · crawl.py · CPython 3.11.7</title>
        <rect width="100%" height="100%" fill="#FFFFFF"/>
        <text y="50"><tspan x="28" font-weight="bold">trace · crawl.py · CPython 3.11.7</tspan><tspan x="674.8" font-weight="bold">done 1.00s</tspan></text>
        <text y="82"><tspan x="28" fill="#6B6B6B">#1</tspan><tspan x="67.6">main()</tspan><tspan x="331.6" fill="#D55E00" font-weight="bold">████████████████</tspan><tspan x="556" fill="#D55E00">✗ 1.00s ValueError…</tspan></text>
        <text y="114"><tspan x="28" fill="#6B6B6B">├</tspan><tspan x="54.4" font-weight="bold">gather #1</tspan><tspan x="186.4" fill="#6B6B6B">· 2 tasks</tspan><tspan x="529.6" font-weight="bold">▲</tspan><tspan x="556" fill="#D55E00">raised ValueError:…</tspan></text>
        <text y="146"><tspan x="28" fill="#6B6B6B">│ ├ #2</tspan><tspan x="120.4">fetch(&apos;a&apos;, 0.5)</tspan><tspan x="358" fill="#6B6B6B">░</tspan><tspan x="371.2" fill="#009E73">██████████</tspan><tspan x="556" fill="#009E73">✓</tspan><tspan x="582.4">0.80s &quot;&apos;a&apos;&quot;</tspan></text>
        <text y="178"><tspan x="28" fill="#6B6B6B">│ └ #3</tspan><tspan x="120.4">fetch(&apos;b&apos;, 1)</tspan><tspan x="358" fill="#6B6B6B">░</tspan><tspan x="371.2" fill="#D55E00" font-weight="bold">█████████████</tspan><tspan x="556" fill="#D55E00">✗ 1.00s ValueError…</tspan></text>
        <text y="210"><tspan x="28" fill="#6B6B6B">└ #4</tspan><tspan x="94">tick()</tspan><tspan x="358" fill="#6B6B6B">░</tspan><tspan x="371.2" fill="#CC79A7">█████████████</tspan><tspan x="556" fill="#CC79A7">⊘ 1.00s cancelled</tspan></text>
        <text y="242"><tspan x="331.6" fill="#6B6B6B">0s             1s</tspan></text>
        <text y="306"><tspan x="28">4 tasks: 1 finished, 2 failed, 1 cancelled. crawl.py exited</tspan></text>
        <text y="338"><tspan x="28">with status 1.</tspan></text>
      </svg>

      """)
  }

  @Test func itIsWellFormedXMLWithOneTextALine() throws {
    let svg = try XMLDocument(xmlString: try Self.document())
    let lines = try svg.nodes(forXPath: "//*[local-name()='text']").map { try #require($0.stringValue) }
    #expect(lines == [
      "trace · crawl.py · CPython 3.11.7done 1.00s",
      "#1main()████████████████✗ 1.00s ValueError…",
      "├gather #1· 2 tasks▲raised ValueError:…",
      "│ ├ #2fetch('a', 0.5)░██████████✓0.80s \"'a'\"",
      "│ └ #3fetch('b', 1)░█████████████✗ 1.00s ValueError…",
      "└ #4tick()░█████████████⊘ 1.00s cancelled",
      "0s             1s",
      "4 tasks: 1 finished, 2 failed, 1 cancelled. crawl.py exited",
      "with status 1.",
    ])
  }

  /// A span that is dim and coloured keeps its colour, fainter; italic, underline and strike
  /// carry over; a colour with no meaning of its own is the ink.
  @Test func stylesBecomeAttributes() {
    let lines: [StyledText] = [
      StyledText("a", style: TextStyle(foreground: .cyan, dim: true))
        + StyledText("  b", style: TextStyle(italic: true, underline: true, strikethrough: true))
        + StyledText("c", style: .color(.white)),
    ]
    #expect(TraceTreeSVG.svg(lines, title: "t").markup.split(separator: "\n")[3] == """
        <text y="50"><tspan x="28" fill="#0072B2" fill-opacity="0.6">a</tspan><tspan x="67.6" font-style="italic" text-decoration="underline line-through">b</tspan><tspan x="80.8">c</tspan></text>
      """)
  }
}
