/// Runs a demo for the walkthrough. The executable's player shows it live and lets Ctrl-C
/// interrupt it; tests use one that runs on a test clock or records what was asked.
public protocol DemoPlaying: Sendable {
  func play(_ demo: any Demo, parameters: DemoParameters, speed: DemoSpeed) async -> DemoReport
}
