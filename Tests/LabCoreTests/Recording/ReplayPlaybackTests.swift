import Clocks
import LabCore
import LabTerminal
import Testing
import TestSupport

@Suite(.timeLimit(.minutes(1))) struct ReplayPlaybackTests {
  @Test func recordingARunThenReplayingItAsJSONGivesBackTheSameLines() async throws {
    let demo = try DemoRegistry.standard.demo(named: "error-cancel")
    let parameters = try demo.resolve([[("mode", "gather")]])
    let console = RecordingConsole()
    let recorder = RunLineBuffer()
    var playback = DemoPlayback(console: console, mode: .json, speed: .normal)
    playback.recorder = recorder
    let clock = ClockStepper()
    _ = await clock.runToEnd { [playback] in await playback.play(demo, parameters: parameters, clock: clock) }
    // What --record wrote is what --json printed, line for line.
    #expect(recorder.lines.joined(separator: "\n") + "\n" == console.output)

    let header = RecordingHeader(command: ["gatherlab", "run", "error-cancel", "mode=gather"], columns: 80, rows: 24)
    let text = ([header.line] + recorder.lines).joined(separator: "\n") + "\n"
    let replayed = RecordingConsole()
    let completed = await ReplayPlayback(console: replayed, mode: .json, speed: 1)
      .play(RecordedRun(try Recording.parse(text, file: "run.jsonl")), clock: ClockStepper())
    #expect(completed)
    #expect(replayed.output == console.output)
    #expect(replayed.output.hasPrefix(#"{"type":"demo","demo":"error-cancel","speed":1,"params":{"delays":[2,2],"fail-at":1,"mode":"gather"}}"#))
  }

  @Test func plainLinesComeWhenTheirInstantComesAtTheReplaySpeed() async throws {
    let run = try RecordingFixtures.run(RecordingFixtures.timeout)
    let console = RecordingConsole()
    let clock = ClockStepper()
    // Recorded at speed 2; replayed at 4: nominal second 1 comes at a quarter of a real second.
    let task = clock.start { await ReplayPlayback(console: console, mode: .lines, speed: 4).play(run, clock: clock) }
    await clock.settle()
    #expect(console.output == """
      timeout · delays=1,3 · timeout=2 · mode=all · replay ×4
       0.00s  [0] A  started
       0.00s  [1] B  started

      """)
    await clock.advance(by: .milliseconds(249))
    #expect(!console.output.contains("finished"))
    await clock.advance(by: .milliseconds(1))
    #expect(console.output.hasSuffix(" 1.00s  [0] A  finished 1st  \"A\"\n"))
    await clock.advance(by: .milliseconds(250))
    #expect(await task.value)
    #expect(console.output.contains("""
       1.00s  [0] A  finished 1st  "A"
       2.00s  [1] B  cancelled
       2.00s  ▲      deadline passed: timed out after 2.00s

      Summary
      outcome     timed out after 2.00s
      """))
  }

  @Test func theLiveReplayDrawsTheSameFramesHoweverTheClockIsStepped() async throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    /// The frames drawn when the clock moves `step` milliseconds at a time, as a loaded machine
    /// wakes late.
    func frames(step: Int) async -> [String] {
      let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: true, cursorMovement: true, width: 60, height: 16))
      let clock = ClockStepper()
      let task = clock.start { await ReplayPlayback(console: console, mode: .live, speed: 1).play(run, clock: clock) }
      await clock.settle()
      for _ in 0...(2100 / step) { await clock.advance(by: .milliseconds(step)) }
      _ = await task.value
      return console.output.components(separatedBy: ANSI.home)
    }
    let fine = await frames(step: 7)
    #expect(fine.count > 20)
    #expect(await frames(step: 130) == fine)
  }

  @Test func cancellingTheReplayStopsItWithoutASummary() async throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let console = RecordingConsole()
    let clock = ClockStepper()
    let task = clock.start { await ReplayPlayback(console: console, mode: .lines, speed: 1).play(run, clock: clock) }
    // On to the join at 1.002 s (however late the replay's task is scheduled), short of 2 s.
    for _ in 0..<15 where !console.output.contains("error reached the caller") {
      await clock.advance(by: .milliseconds(100))
    }
    task.cancel()
    #expect(await task.value == false)
    #expect(console.output.hasSuffix("error reached the caller: A failed\nReplay stopped at 1.00s.\n"))
    #expect(!console.output.contains("Summary"))
  }
}
