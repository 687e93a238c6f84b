/// Start-up time of a command, for machines without hyperfine: `warmup` runs, then `runs` timed
/// runs, each a `posix_spawn` and a wait with the output on /dev/null.
enum StartupProbe {
  static func run(name: String, runs: Int, warmup: Int, _ arguments: [String]) throws(ProbeError) -> String {
    let child = ChildProcess(arguments: arguments, environment: ChildProcess.currentEnvironment)
    var samples: [Double] = []
    for round in 0..<(warmup + runs) {
      let outcome = try child.runQuietly()
      guard outcome.exitedCleanly else { throw ProbeError("\(arguments.joined(separator: " ")) failed: status \(outcome.status)") }
      if round >= warmup { samples.append(outcome.wall.nanoseconds / 1e6) }
    }
    return JSONLine.object([
      ("case", .string("startup")),
      ("command", .string(name)),
      ("tool", .string("bench-probe")),
      ("ms", .numbers(samples)),
    ])
  }
}
