import Foundation
import LabCore
import LabTerminal
import Testing

/// The last frame `gatherlab replay` draws for `run` on a terminal of `width`×`height`, as the
/// terminal received it (its line discipline turns "\n" into "\r\n"), played on a test clock
/// for `tenths` tenths of a second: what an export's last live frame is compared with.
public func lastReplayedFrame(_ run: RecordedRun, width: Int, height: Int, tenths: Int) async throws -> String {
  let console = RecordingConsole(capabilities: TerminalCapabilities(isTTY: true, color: true, cursorMovement: true, width: width, height: height))
  let clock = ClockStepper()
  let task = clock.start { await ReplayPlayback(console: console, mode: .live, speed: 1).play(run, clock: clock) }
  await clock.settle()
  for _ in 0..<tenths { await clock.advance(by: .milliseconds(100)) }
  _ = await task.value
  let screen = console.output.components(separatedBy: ANSI.leaveAlternateScreen).first ?? ""
  let last = screen.components(separatedBy: ANSI.home).last ?? ""
  return AsciicastExport.terminalBytes(ANSI.home + last).replacingOccurrences(of: ANSI.resetStyle + ANSI.showCursor, with: "")
}
