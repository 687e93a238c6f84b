import Clocks
import LabCore
import LabTerminal

/// Runs a demo on a `TestClock` through `DemoPlayback`, as `gatherlab run` does, and returns
/// what it printed and its report.
public struct DemoHarness {
  public var mode: DemoPlayback.Mode = .lines
  public var capabilities = TerminalCapabilities.plain(width: 80)

  public init(mode: DemoPlayback.Mode = .lines, capabilities: TerminalCapabilities = .plain(width: 80)) {
    self.mode = mode
    self.capabilities = capabilities
  }

  public func run(_ id: String, _ arguments: [String] = []) async throws -> (output: String, report: DemoReport) {
    let launch = try DemoLaunch(demo: id, arguments: arguments, speed: .normal)
    let console = RecordingConsole(capabilities: capabilities)
    let clock = TestClock()
    let playback = DemoPlayback(console: console, mode: mode, speed: launch.speed)
    let run = Task { await playback.play(launch.demo, parameters: launch.parameters, clock: clock) }
    await ClockStepper(clock: clock) { console.output.utf8.count }.run()
    let report = await run.value
    return (console.output, report)
  }

  /// The output with the lines of each instant in a fixed order: tasks that start or end at the
  /// same instant do so in whatever order the scheduler picks, so the golden strings sort them.
  public static func normalized(_ output: String) -> String {
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
