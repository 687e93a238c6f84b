#if canImport(Glibc)
import Glibc
#endif

/// bench-probe: the measurements of `make bench` that need a process of their own. Each prints
/// one JSON object on one line; `Benchmarks/run` collects them for `bench-report`.
///
///     bench-probe paired N ROUNDS                            gather and a task group, alternating
///     bench-probe bounded window|semaphore N LIMIT REPEATS   one bounded gather case
///     bench-probe live-view PROGRAM ARGS...                  CPU of PROGRAM drawing into a pty
///     bench-probe plain-output PROGRAM ARGS...               CPU of PROGRAM writing to /dev/null
///     bench-probe startup NAME RUNS WARMUP PROGRAM ARGS...   start-up times, without hyperfine
let usage = """
  usage: bench-probe paired N ROUNDS
         bench-probe bounded window|semaphore N LIMIT REPEATS
         bench-probe live-view|plain-output PROGRAM [ARGS...]
         bench-probe startup NAME RUNS WARMUP PROGRAM [ARGS...]
  """

func fail(_ message: String) -> Never {
  let line = "bench-probe: \(message)\n"
  _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
  exit(message == usage ? 64 : 1)
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch arguments.first {
  case "bounded":
    guard arguments.count == 5, let strategy = BoundedProbe.Strategy(rawValue: arguments[1]),
      let count = Int(arguments[2]), let limit = Int(arguments[3]), let repeats = Int(arguments[4])
    else { fail(usage) }
    // Off the main actor, as library code normally runs: on the main actor every resumption of
    // the gathering task would hop to the main thread.
    let line = try await Task.detached {
      try await BoundedProbe.run(strategy, count: count, limit: limit, repeats: repeats)
    }.value
    print(line)
  case "paired":
    guard arguments.count == 3, let count = Int(arguments[1]), let rounds = Int(arguments[2]) else { fail(usage) }
    print(try await Task.detached { try await PairedPerTask.run(count: count, rounds: rounds) }.value)
  case "live-view" where arguments.count >= 2:
    print(try LiveViewProbe.run(Array(arguments.dropFirst())))
  case "plain-output" where arguments.count >= 2:
    print(try LiveViewProbe.runPlain(Array(arguments.dropFirst())))
  case "startup":
    guard arguments.count >= 5, let runs = Int(arguments[2]), let warmup = Int(arguments[3]) else { fail(usage) }
    print(try StartupProbe.run(name: arguments[1], runs: runs, warmup: warmup, Array(arguments.dropFirst(4))))
  default:
    fail(usage)
  }
} catch {
  fail(String(describing: error))
}
