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
    try await run(DemoLaunch(demo: id, arguments: arguments, speed: .normal))
  }

  /// Runs a launched demo (at its speed's nominal times: the test clock does not scale).
  public func run(_ launch: DemoLaunch) async throws -> (output: String, report: DemoReport) {
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
  /// The summary's `end order` likewise lists tasks that ended at the same instant
  /// alphabetically; tasks that ended at different instants keep the order the run gave them, so
  /// a wrong order still shows.
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
    // When each task last ended (finished, failed or was cancelled), from the event lines.
    var ended: [String: Substring] = [:]
    for line in lines {
      let words = line.split(separator: " ")
      if let key = instant(line), words.count >= 3, ["finished", "failed", "cancelled"].contains(words[2]) {
        ended[String(words[1])] = key
      }
    }
    let label = "end order   "
    for index in lines.indices where lines[index].hasPrefix(label) {
      var names = lines[index].dropFirst(label.count).components(separatedBy: ", ")
      var first = 0
      while first < names.count {
        var last = first + 1
        while last < names.count, ended[names[last]] != nil, ended[names[last]] == ended[names[first]] { last += 1 }
        names[first..<last].sort()
        first = last
      }
      lines[index] = label + names.joined(separator: ", ")
    }
    return lines.joined(separator: "\n")
  }

  private static func instant(_ line: String) -> Substring? {
    let prefix = line.prefix(6)
    return prefix.hasSuffix("s") && prefix.dropLast().allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) ? prefix : nil
  }
}
