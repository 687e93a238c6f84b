import LabCore
import LabTerminal
import Synchronization

/// The walkthrough's `compare`, `trace`, `replay` and `step` without python3 or a terminal: it
/// records what was asked and answers `outcome`; `replay` and `step` print every stop of the run
/// as a piped `step` does, so a test sees which run they were given.
public final class FakeWalkthroughTools: WalkthroughTools {
  /// One thing the walkthrough asked for.
  public enum Call: Sendable, Equatable {
    case compare(demo: String, parameters: String, speed: Double)
    case trace(code: String, name: String)
    case replay(demo: String?, entries: Int, speed: Double)
    case step(demo: String?, entries: Int)
  }

  public let console: any Console
  public let outcome: ToolOutcome
  /// Lines a `compare` writes to its recorder, as a CPython run's would be.
  public let compareLines: [String]
  private let recorded = Mutex<[Call]>([])

  public init(console: any Console, outcome: ToolOutcome = .done, compareLines: [String] = []) {
    self.console = console
    self.outcome = outcome
    self.compareLines = compareLines
  }

  public var calls: [Call] { recorded.withLock { $0 } }

  public func compare(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: (any RunLineSink)?) async -> ToolOutcome {
    recorded.withLock { $0.append(.compare(demo: demo.id, parameters: DemoTranscript.title(demo: demo.id, parameters: parameters), speed: speed.value)) }
    for line in compareLines { recorder?.write(line) }
    return outcome
  }

  public func trace(code: String, name: String) async -> ToolOutcome {
    recorded.withLock { $0.append(.trace(code: code, name: name)) }
    return outcome
  }

  public func replay(_ run: RecordedRun) async -> ToolOutcome {
    recorded.withLock { $0.append(.replay(demo: run.demo?.id, entries: run.recording.entries.count, speed: run.speed)) }
    StepPlayback(console: console).printAll(run)
    return outcome
  }

  public func step(_ run: RecordedRun) async -> ToolOutcome {
    recorded.withLock { $0.append(.step(demo: run.demo?.id, entries: run.recording.entries.count)) }
    StepPlayback(console: console).printAll(run)
    return outcome
  }
}
