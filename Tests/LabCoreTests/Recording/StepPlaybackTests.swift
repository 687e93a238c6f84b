import LabCore
import LabTerminal
import Testing
import TestSupport

@Suite struct StepPlaybackTests {
  let terminal = TerminalCapabilities(isTTY: true, color: false, cursorMovement: true, width: 40, height: 14)

  /// The "step N/M" of every screen drawn, in order.
  func stops(_ output: String) -> [String] {
    output.components(separatedBy: ANSI.home).compactMap { frame in
      frame.range(of: #"step \d+/\d+"#, options: .regularExpression).map { String(frame[$0]) }
    }
  }

  @Test func keysMoveForwardAndBackAndQStopsWhereItIs() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let console = RecordingConsole(capabilities: terminal)
    let keys = ScriptedKeys([.forward, .other, .forward, .back, .quit, .forward])
    #expect(StepPlayback(console: console).play(run, keys: keys) == .quit)
    #expect(keys.unread == [.forward])
    #expect(stops(console.output) == ["step 1/3", "step 2/3", "step 3/3", "step 2/3"])
    // Left the alternate screen, then the stop it ended on stays on the normal screen.
    let after = try #require(console.output.components(separatedBy: ANSI.leaveAlternateScreen).last)
    #expect(after == """
      error-cancel · delays=2,2 · fai…  1.00s
      [0] A ████████│        ✗ 1st A failed
      [1] B ████████┄┄┄┄┄┄┄┄ ▶ running orphan
      [2] C ████████┄┄┄┄┄┄┄┄ ▶ running orphan
            0s             2s
                    ▲ 1.00s
      █ running  ▒ orphan  ┄ planned  ✓ done
      ✗ failed  ⊘ cancelled
      1.00s [0] A failed; error reached the
      caller; [1] B and [2] C run on as
      orphans

      """)
  }

  @Test func theScreenAtAStopFitsFortyColumns() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let screen = StepPlayback.screen(run, step: 1, width: 40, height: 14)
    #expect(screen.map(\.plainText).joined(separator: "\n") == """
      error-cancel · delays=2,2 · fai…  1.00s
      [0] A ████████│        ✗ 1st A failed
      [1] B ████████┄┄┄┄┄┄┄┄ ▶ running orphan
      [2] C ████████┄┄┄┄┄┄┄┄ ▶ running orphan
            0s             2s
                    ▲ 1.00s
      █ running  ▒ orphan  ┄ planned  ✓ done
      ✗ failed  ⊘ cancelled

      1.00s [0] A failed; error reached the
      caller; [1] B and [2] C run on as
      orphans
      step 2/3  Enter next · b back · q quit
      """)
    #expect(screen.allSatisfy { $0.displayWidth < 40 })
    #expect(screen.count <= 14)
  }

  @Test func backAtTheFirstStopStaysThere() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let console = RecordingConsole(capabilities: terminal)
    _ = StepPlayback(console: console).play(run, keys: ScriptedKeys([.back, .forward, .quit]))
    // The second draw of stop 1 writes the same frame, which the live view skips.
    #expect(stops(console.output) == ["step 1/3", "step 2/3"])
  }

  @Test func goingOnPastTheLastStopEndsWithTheSummary() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let console = RecordingConsole(capabilities: terminal)
    #expect(StepPlayback(console: console).play(run, keys: ScriptedKeys([.forward, .forward, .forward])) == .finished)
    let after = try #require(console.output.components(separatedBy: ANSI.leaveAlternateScreen).last)
    #expect(after.hasPrefix("error-cancel · delays=2,2 …  done 2.00s\n"))
    #expect(after.contains("2.00s [1] B and [2] C finished, but\nnobody reads their results\n\nSummary\n"))
  }

  @Test func ctrlCLeavesTheAlternateScreenAndSaysItWasInterrupted() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.errorCancelGather)
    let console = RecordingConsole(capabilities: terminal)
    #expect(StepPlayback(console: console).play(run, keys: ScriptedKeys([.forward, .interrupt])) == .interrupted)
    #expect(console.output.contains(ANSI.showCursor + ANSI.leaveAlternateScreen))
  }

  @Test func withoutATerminalEveryStopIsPrintedInTurn() throws {
    let run = try RecordingFixtures.run(RecordingFixtures.timeout)
    let console = RecordingConsole(capabilities: .plain(width: 60))
    StepPlayback(console: console).printAll(run)
    #expect(console.output == """
      timeout · delays=1,3 · timeout=2 · mode=all · step by step

      timeout · delays=1,3 · timeout=2 · mode=all        0.00s ×2
      [0] A ┄┄┄┄┄┄┄┄┄┄┄┄┄┄              ┆               ▶ running
      [1] B ┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ▶ running
            0s            1s            2s            3s
                                        ┆ deadline
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      0.00s [0] A and [1] B started; the deadline is set for
      2.00s

      timeout · delays=1,3 · timeout=2 · mode=all        1.00s ×2
      [0] A ██████████████              ┆               ✓ 1st "A"
      [1] B ██████████████┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ▶ running
            0s            1s            2s            3s
                                        ┆ deadline
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      1.00s [0] A finished; [1] B is still running

      timeout · delays=1,3 · timeout=2 · mode=all        2.00s ×2
      [0] A ██████████████             ┆              ✓ 1st "A"
      [1] B ███████████████████████████┄┄┄┄┄┄┄┄┄┄┄┄┄┄ ⊘ cancelled
            0s           1s            2s           3s
                                       ▲ deadline passed 2.00s
      █ running  ┄ planned  ✓ done  ✗ failed  ⊘ cancelled
      2.00s [1] B was cancelled; deadline passed

      Summary
      outcome     timed out after 2.00s
      elapsed     2.00s (ideal 2.00s)
      sequential  4.00s if awaited one by one
      received    a timeout (timed out after 2.00s), and no list
                  of results
      result lost [0] A 1st
      cancelled   [1] B

      At the deadline, 2.00s, [1] B was cancelled and the caller
      got a timeout instead of a list.
      [0] A 1st had finished, but its result was lost with the
      gather. Try mode=each.

      """)
  }
}
