import LabTerminal
import Synchronization

/// Runs `body` with Ctrl-C wired to cancel it, taken before it starts so a Ctrl-C at its first
/// frame is not missed (as `InterruptibleDemoPlayer` does for demos). Returns what `body` returned
/// and whether Ctrl-C was pressed.
func interruptibly<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> (value: T, interrupted: Bool) {
  let state = Mutex<(pressed: Bool, run: Task<T, Never>?)>((false, nil))
  let handler = InterruptSignal.shared.push {
    let run = state.withLock { state in
      state.pressed = true
      return state.run
    }
    run?.cancel()
  }
  let run = Task { await body() }
  let pressedAlready = state.withLock { state in
    state.run = run
    return state.pressed
  }
  if pressedAlready { run.cancel() }
  let value = await run.value
  InterruptSignal.shared.remove(handler)
  return (value, state.withLock { $0.pressed })
}
