/// What the walkthrough's `compare`, `trace`, `replay` and `step` need from the executable:
/// python3, Ctrl-C wired to stop them, and single keys. The executable's tools draw on the real
/// terminal; tests pass a fake that records what was asked.
public protocol WalkthroughTools: Sendable {
  /// The demo beside its Python twin (`ComparePlayback`); `recorder` gets the CPython run's lines.
  func compare(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: (any RunLineSink)?) async -> ToolOutcome
  /// A lesson's Python program traced (`TracePlayback`); `name` is the file name it is shown by.
  func trace(code: String, name: String) async -> ToolOutcome
  /// A recorded run drawn again (`ReplayPlayback`), at its recorded speed.
  func replay(_ run: RecordedRun) async -> ToolOutcome
  /// A recorded run event by event (`StepPlayback`); piped, every stop printed.
  func step(_ run: RecordedRun) async -> ToolOutcome
}

/// How a tool's run ended.
public enum ToolOutcome: Sendable, Equatable {
  case done
  /// Ctrl-C stopped it; the session goes on.
  case interrupted
  /// It could not run (no python3, a twin that failed): one sentence to show.
  case failed(String)
}
