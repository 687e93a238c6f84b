import LabTerminal

/// Runs a demo for the walkthrough. The executable's player shows it live and lets Ctrl-C
/// interrupt it; tests use one that runs on a test clock or records what was asked.
public protocol DemoPlaying: Sendable {
  func play(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoReport
  /// The same, keeping the final timeline; the walkthrough's predictions point at its rows.
  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoRun
  /// The same, with the run's JSON Lines also going to `recorder` as they happen (the
  /// walkthrough keeps the last run's for `save`, `replay` and `step`).
  func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: any RunLineSink) async -> DemoRun
}

extension DemoPlaying {
  /// Plays the demo and keeps its final timeline, when the player has it; by default only the
  /// report, for players that do not.
  public func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoRun {
    DemoRun(report: await play(demo, parameters: parameters, speed: speed), timeline: nil)
  }

  /// By default nothing is recorded, for players that cannot.
  public func playRun(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed, recorder: any RunLineSink) async -> DemoRun {
    await playRun(demo, parameters: parameters, speed: speed)
  }
}

/// A played demo: its report and, when the player kept it, its final timeline.
public struct DemoRun: Sendable {
  public var report: DemoReport
  public var timeline: TimelineSnapshot?

  public init(report: DemoReport, timeline: TimelineSnapshot?) {
    self.report = report
    self.timeline = timeline
  }
}
