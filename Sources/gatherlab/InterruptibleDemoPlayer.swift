import LabCore
import LabTerminal
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Plays demos on the real terminal with Ctrl-C wired to interrupt them: while a demo runs, it
/// is the handler of Ctrl-C, which cancels it.
struct InterruptibleDemoPlayer: DemoPlaying {
  let console: any Console
  let json: Bool
  /// Gets the run's JSON Lines too (`--record`).
  var recorder: (any RunLineSink)? = nil

  func play(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoReport {
    await playRun(demo, parameters: parameters, speed: speed).report
  }

  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: any RunLineSink) async -> DemoRun {
    let sinks = [self.recorder, recorder].compactMap { $0 }
    var player = self
    player.recorder = RunLineFanOut(sinks)
    return await player.playRun(demo, parameters: parameters, speed: speed)
  }

  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoRun {
    var playback = DemoPlayback(
      console: console,
      mode: DemoPlayback.mode(for: console.capabilities, json: json),
      speed: speed
    )
    playback.recorder = recorder
    // Take Ctrl-C before the demo starts drawing, so a Ctrl-C at its first frame is not missed.
    let interrupted = Mutex<(pressed: Bool, run: Task<DemoRun, Never>?)>((false, nil))
    let handler = InterruptSignal.shared.push {
      let run = interrupted.withLock { state in
        state.pressed = true
        return state.run
      }
      run?.cancel()
    }
    let run = Task { await playback.playRun(demo, parameters: parameters) }
    let pressedAlready = interrupted.withLock { state in
      state.run = run
      return state.pressed
    }
    if pressedAlready { run.cancel() }
    let played = await run.value
    InterruptSignal.shared.remove(handler)
    return played
  }
}
