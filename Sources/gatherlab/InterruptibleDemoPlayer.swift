import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// Plays demos on the real terminal with Ctrl-C wired to interrupt them: while a demo runs, it
/// is the handler of Ctrl-C, which cancels it.
struct InterruptibleDemoPlayer: DemoPlaying {
  let console: any Console
  let json: Bool

  func play(_ demo: any Demo, parameters: DemoParameters, speed: Double) async -> DemoReport {
    let playback = DemoPlayback(
      console: console,
      mode: DemoPlayback.mode(for: console.capabilities, json: json),
      speed: speed
    )
    let run = Task { await playback.play(demo, parameters: parameters) }
    let handler = InterruptSignal.shared.push { run.cancel() }
    let report = await run.value
    InterruptSignal.shared.remove(handler)
    return report
  }
}
