import GatherKit

#if canImport(Glibc)
import Glibc
#endif

/// One bounded-gather case in a process of its own: time per task and the growth of the peak
/// resident set over the resident set just before the first run. Each operation suspends once.
///
/// A fresh process per case keeps one case's peak from hiding another's: the kernel's VmHWM only
/// ever grows. `repeats` runs are timed; the peak is read after the first. (Read after all of them
/// it sometimes doubled: the allocator kept the first run's freed memory in one thread's arena
/// while the next run allocated afresh in the other's.)
enum BoundedProbe {
  enum Strategy: String {
    /// ``boundedGather(_:limit:clock:observer:operation:)``: only `limit` tasks exist at a time.
    case window
    /// ``semaphoreGather(_:limit:clock:observer:operation:)``: all N tasks up front, most waiting.
    case semaphore
  }

  /// A trivial operation that suspends once, as one awaiting I/O would, so that it holds its slot
  /// across a suspension and the limit really makes the others wait.
  @Sendable static func yieldingOnce(_ input: Int) async -> Int {
    await Task.yield()
    return input
  }

  static func run(_ strategy: Strategy, count: Int, limit: Int, repeats: Int) async throws -> String {
    let baseline = ProcessMemory.residentKiB(.current)
    var peak = 0
    var samples: [Double] = []
    for run in 0..<repeats {
      let clock = ContinuousClock()
      let start = clock.now
      let results: [Int]
      switch strategy {
      case .window:
        results = try await boundedGather(0..<count, limit: limit, operation: yieldingOnce)
      case .semaphore:
        results = try await semaphoreGather(0..<count, limit: limit, operation: yieldingOnce)
      }
      let elapsed = start.duration(to: clock.now)
      precondition(results.count == count && results.last == count - 1, "wrong results")
      samples.append(elapsed.nanoseconds / Double(count))
      if run == 0 { peak = ProcessMemory.residentKiB(.peak) }
    }
    let growthMB = Double(max(peak - baseline, 0)) / 1024
    return JSONLine.object([
      ("case", .string("swift_bounded_\(strategy.rawValue)")),
      ("n", .number(Double(count))),
      ("limit", .number(Double(limit))),
      ("ns_per_task", .numbers(samples)),
      ("peak_mb", .number(growthMB)),
    ])
  }
}

extension Duration {
  /// The duration in nanoseconds, as a floating-point number.
  var nanoseconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) * 1e9 + Double(attoseconds) / 1e9
  }
}
