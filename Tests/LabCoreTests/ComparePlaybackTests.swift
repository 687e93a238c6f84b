import Foundation
import LabCore
import LabTerminal
import Testing
import TestSupport

/// `compare` on an injected clock: the Swift demo runs on a test clock and the twin on virtual
/// time, so both timelines are exact; and Ctrl-C leaves the CPython rows it never saw end drawn
/// as interrupted, beside the Swift rows its cancellation ended.
@Suite(
  .enabled(if: PythonForTests.python3 != nil, "needs python3 3.11 or newer on PATH: compare is not run"),
  .timeLimit(.minutes(2))
)
struct ComparePlaybackTests {
  static func twin(_ demo: any Demo) throws -> PythonTwin {
    let python = try PythonInterpreter.find(explicit: PythonForTests.python3, environment: [:])
    var twin = try PythonTwin(demo: demo, interpreter: python)
    twin.clock = .virtual(seed: 0)
    return twin
  }

  @Test func bothRunsAreExactTimelinesOnATestClockAndVirtualTime() async throws {
    let demo = try DemoRegistry.standard.demo(named: "ordering")
    let parameters = try demo.resolve([])
    let twin = try Self.twin(demo)
    let console = RecordingConsole(capabilities: .plain(width: 80))
    let clock = ClockStepper()
    let playback = ComparePlayback(console: console, mode: .lines, speed: .normal)
    let run = clock.start { try await playback.play(twin, parameters: parameters, clock: clock) }
    // The Swift demo's three sleeps, woken one after another: A 3 s, B 1 s, C 2 s.
    #expect(await clock.advance(to: clock.now.advanced(by: .seconds(1)), onceSleeping: 3, patience: .seconds(60)))
    #expect(await clock.advance(to: clock.now.advanced(by: .seconds(1)), onceSleeping: 2))
    #expect(await clock.advance(to: clock.now.advanced(by: .seconds(1)), onceSleeping: 1))
    let played = try await run.value
    #expect(!played.interrupted)
    let lines = console.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "compare · ordering · delays=3,1,2")
    #expect(lines.filter { $0.hasPrefix("Swift  ") } == [
      "Swift    0.00s  [0] A  started",
      "Swift    0.00s  [1] B  started",
      "Swift    0.00s  [2] C  started",
      "Swift    1.00s  [1] B  finished 1st  \"B\"",
      "Swift    2.00s  [2] C  finished 2nd  \"C\"",
      "Swift    3.00s  [0] A  finished 3rd  \"A\"",
      "Swift    3.00s  ▲   gather returned: [\"A\", \"B\", \"C\"]",
    ])
    #expect(lines.filter { $0.hasPrefix("CPython ") } == [
      "CPython  0.00s  [0] A  started",
      "CPython  0.00s  [1] B  started",
      "CPython  0.00s  [2] C  started",
      "CPython  1.00s  [1] B  finished 1st  \"B\"",
      "CPython  2.00s  [2] C  finished 2nd  \"C\"",
      "CPython  3.00s  [0] A  finished 3rd  \"A\"",
      "CPython  3.00s  ▲   gather returned: ['A', 'B', 'C']",
    ])
    #expect(played.comparison.largestGap == 0)
    #expect(Array(lines.suffix(2)) == [
      "Swift and CPython agree on every point compared (times at most 0.00s apart,",
      "within the 0.12s tolerance).",
    ])
  }

  @Test func ctrlCDrawsTheCPythonRowsItNeverSawEndAsInterrupted() async throws {
    // Threads take real time even on virtual time: the twin's two 10-second jobs are still
    // running when the comparison is interrupted.
    let demo = BlockingDemo(blocker: SimulatedBlocker(cores: 2))
    let parameters = try demo.resolve([[("tasks", "2"), ("delay", "10"), ("mode", "thread")]])
    let twin = try Self.twin(demo)
    let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: false, cursorMovement: false, width: 80, height: 24))
    let clock = ClockStepper()
    let playback = ComparePlayback(console: console, mode: .lines, speed: .normal)
    let run = clock.start { try await playback.play(twin, parameters: parameters, clock: clock) }
    #expect(await clock.advance(to: clock.now.advanced(by: .seconds(1)), onceSleeping: 2, patience: .seconds(60)))
    let bothStarted = await clock.waitUntil(patience: .seconds(60)) {
      let output = console.output
      return output.contains("CPython  0.") && output.contains("[0] A  started") && output.contains("[1] B  started")
        && output.split(separator: "\n").filter { $0.hasPrefix("CPython ") && $0.hasSuffix("started") }.count == 2
    }
    #expect(bothStarted)
    run.cancel()
    let played = try await run.value
    #expect(played.interrupted)
    // The final frame: the Swift panel, then the CPython panel, each row with its status.
    let frame = console.output.split(separator: "\n").map(String.init).filter { $0.hasPrefix("[0] A") || $0.hasPrefix("[1] B") }
    #expect(frame.count == 2 * 2, "\(console.output)")
    #expect(frame.prefix(2).allSatisfy { $0.hasSuffix("⊘ cancelled") }, "the Swift rows: \(frame)")
    #expect(frame.suffix(2).allSatisfy { $0.hasSuffix("■ interrupted") }, "the CPython rows: \(frame)")
    #expect(console.output.contains("⊘ cancelled  ■ interrupted"))
    #expect(console.output.split(separator: "\n").filter { $0.hasSuffix("interrupted at 1.00s") }.count == 2)
    // One time axis: both panels' axes are the same line (the status columns once differed in
    // width, "⊘ cancelled" against "■ interrupted", and shifted one panel's bars).
    let axes = console.output.split(separator: "\n").filter { $0.hasPrefix("      0s") }
    #expect(axes.count == 2 && axes.first == axes.last, "\(axes)")
  }
}
