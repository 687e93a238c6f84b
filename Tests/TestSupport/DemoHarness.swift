import LabCore
import LabTerminal
import Testing

/// Runs a demo on a test clock (`ClockStepper`) through `DemoPlayback`, as `gatherlab run` does, and returns
/// what it printed and its report.
public struct DemoHarness {
  public var mode: DemoPlayback.Mode = .lines
  public var capabilities = TerminalCapabilities.plain(width: 80)
  /// The standard demos, except that `blocking` models a pool of two cores on the test clock.
  public var registry = DemoRegistry(demos: DemoRegistry.standard.demos.map { demo in
    demo.id == "blocking" ? BlockingDemo(blocker: SimulatedBlocker(cores: 2)) : demo
  })

  public init(mode: DemoPlayback.Mode = .lines, capabilities: TerminalCapabilities = .plain(width: 80)) {
    self.mode = mode
    self.capabilities = capabilities
  }

  public func run(
    _ id: String,
    _ arguments: [String] = [],
    speed: DemoSpeed = .normal
  ) async throws -> (output: String, report: DemoReport) {
    try await run(DemoLaunch(demo: id, arguments: arguments, speed: speed, registry: registry))
  }

  /// Runs a launched demo (at its speed's nominal times: the test clock does not scale).
  public func run(_ launch: DemoLaunch) async throws -> (output: String, report: DemoReport) {
    let console = RecordingConsole(capabilities: capabilities)
    let clock = ClockStepper()
    let playback = DemoPlayback(console: console, mode: mode, speed: launch.speed)
    let report = await clock.runToEnd { await playback.play(launch.demo, parameters: launch.parameters, clock: clock) }
    return (console.output, report)
  }

  /// The output with the lines of each instant in a fixed order: tasks that start or end at the
  /// same instant do so in whatever order the scheduler picks, so the golden strings sort them.
  /// Their finish ranks likewise: tasks ending at one instant share that instant's ranks, given
  /// out again in the sorted order, here and wherever the summary names `[i] X 2nd`. Tasks that
  /// ended at different instants keep the ranks the run gave them, so a wrong order still shows.
  public static func normalized(_ output: String) -> String {
    var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var ranks: [String: String] = [:]
    var start = 0
    while start < lines.count {
      let key = instant(lines[start])
      var end = start + 1
      while key != nil, end < lines.count, instant(lines[end]) == key { end += 1 }
      lines[start..<end].sort()
      let ranked = (start..<end).filter { lines[$0].firstMatch(of: rankedEvent) != nil }
      let shared = ranked.compactMap { lines[$0].firstMatch(of: rankedEvent).map { Int($0.output.4) ?? 0 } }.sorted()
      for (line, rank) in zip(ranked, shared) {
        guard let match = lines[line].firstMatch(of: rankedEvent) else { continue }
        let word = TimelineRenderer.ordinal(rank)
        ranks[String(match.output.1)] = word
        lines[line].replaceSubrange(match.range, with: "\(match.output.1)\(match.output.2)\(match.output.3) \(word)")
      }
      start = end
    }
    guard !ranks.isEmpty else { return lines.joined(separator: "\n") }
    return lines.map { line in
      instant(line) != nil ? line : line.replacing(namedRank) { match in
        "\(match.output.1) \(ranks[String(match.output.1)] ?? String(match.output.2))"
      }
    }.joined(separator: "\n")
  }

  /// `[1] B  finished 2nd` in an event line: the row, the event, the rank's number.
  private nonisolated(unsafe) static let rankedEvent = /(\[\d+\] \S+)( +)(finished|failed) (\d+)(?:st|nd|rd|th)/
  /// `[1] B 2nd` in the summary.
  private nonisolated(unsafe) static let namedRank = /(\[\d+\] \S+) (\d+(?:st|nd|rd|th))/

  private static func instant(_ line: String) -> Substring? {
    let prefix = line.prefix(6)
    return prefix.hasSuffix("s") && prefix.dropLast().allSatisfy({ $0.isNumber || $0 == "." || $0 == " " }) ? prefix : nil
  }
}
