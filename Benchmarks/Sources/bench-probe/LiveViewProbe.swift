/// The CPU a command uses while it draws into a pseudo-terminal: `gatherlab run ordering`
/// redrawing its live timeline, measured from the child's own `rusage`.
enum LiveViewProbe {
  static func run(_ arguments: [String]) throws(ProbeError) -> String {
    var environment = ChildProcess.currentEnvironment
    environment["TERM"] = "xterm-256color"
    environment["NO_COLOR"] = nil
    environment["COLUMNS"] = nil
    let outcome = try ChildProcess(arguments: arguments, environment: environment).runInPseudoTerminal()
    guard outcome.exitedCleanly else { throw ProbeError("\(arguments.joined(separator: " ")) failed: status \(outcome.status)") }
    return CPUReport.line(case: "live_view", outcome)
  }

  /// The same command with its output on /dev/null (plain mode, no live view), for comparison.
  static func runPlain(_ arguments: [String]) throws(ProbeError) -> String {
    let outcome = try ChildProcess(arguments: arguments, environment: ChildProcess.currentEnvironment).runQuietly()
    guard outcome.exitedCleanly else { throw ProbeError("\(arguments.joined(separator: " ")) failed: status \(outcome.status)") }
    return CPUReport.line(case: "plain_output", outcome)
  }
}

enum CPUReport {
  static func line(case name: String, _ outcome: ChildProcess.Outcome) -> String {
    let wall = outcome.wall.nanoseconds / 1e9
    return JSONLine.object([
      ("case", .string(name)),
      ("user_s", .number(outcome.userSeconds)),
      ("system_s", .number(outcome.systemSeconds)),
      ("wall_s", .number(wall)),
      ("cpu_percent", .number((outcome.userSeconds + outcome.systemSeconds) / wall * 100)),
      ("bytes", .number(Double(outcome.bytesWritten))),
    ])
  }
}
