import Clocks
import LabCore
import LabTerminal
import TestSupport

/// Runs a demo on a `TestClock` through `DemoPlayback`, as `gatherlab run` does, and returns
/// what it printed and its report.
struct DemoHarness {
  var mode: DemoPlayback.Mode = .lines
  var capabilities = TerminalCapabilities.plain(width: 80)
  /// The standard demos, except that `blocking` models a pool of two cores on the test clock.
  var registry = DemoRegistry(demos: DemoRegistry.standard.demos.map { demo in
    demo.id == "blocking" ? BlockingDemo(blocker: SimulatedBlocker(cores: 2)) : demo
  })

  func run(_ id: String, _ arguments: [String] = []) async throws -> (output: String, report: DemoReport) {
    let demo = try registry.demo(named: id)
    let parameters = try demo.resolve([DemoParameters.pairs(from: arguments, demo: id, valid: demo.parameterNames)])
    let console = RecordingConsole(capabilities: capabilities)
    let clock = TestClock()
    let playback = DemoPlayback(console: console, mode: mode, speed: 1)
    let run = Task { await playback.play(demo, parameters: parameters, clock: clock) }
    await ClockStepper(clock: clock) { console.output.utf8.count }.run()
    let report = await run.value
    return (console.output, report)
  }

  /// The output with the lines of each instant in a fixed order: tasks that start or end at the
  /// same instant do so in whatever order the scheduler picks, so the golden strings sort them.
  static func normalized(_ output: String) -> String {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var start = 0
    while start < lines.count {
      let key = instant(lines[start])
      var end = start + 1
      while key != nil, end < lines.count, instant(lines[end]) == key { end += 1 }
      lines[start..<end].sort()
      start = end
    }
    return lines.joined(separator: "\n")
  }

  private static func instant(_ line: String) -> Substring? {
    let prefix = line.prefix(6)
    return prefix.hasSuffix("s") && prefix.dropLast().allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) ? prefix : nil
  }
}
