import GatherKit

/// Per-task cost of `gather` against the task group one writes by hand, measured in pairs.
///
/// Both run the same `count` trivial operations from one array of closures, built before the clock
/// starts, and return the results in argument order. They alternate run by run in one process (in
/// the order AB, BA, AB, …), so that whatever else the machine does in the meantime falls on both
/// alike: on a shared 2-core machine the absolute times drift by tens of percent from one second
/// to the next, the ratio of paired runs does not.
enum PairedPerTask {
  static func run(count: Int, rounds: Int) async throws -> String {
    let operations: [@Sendable () async throws -> Int] = (0..<count).map { index in { index } }
    var gatherSamples: [Double] = []
    var groupSamples: [Double] = []
    let clock = ContinuousClock()
    func timeGather() async throws -> (Duration, [Int]) {
      let start = clock.now
      let results = try await gather(operations)
      return (start.duration(to: clock.now), results)
    }
    func timeGroup() async throws -> (Duration, [Int]) {
      let start = clock.now
      let results = try await handWrittenTaskGroup(operations)
      return (start.duration(to: clock.now), results)
    }
    for round in -2..<rounds {  // two rounds of warm-up
      let gathered: (Duration, [Int])
      let grouped: (Duration, [Int])
      if round.isMultiple(of: 2) {
        gathered = try await timeGather()
        grouped = try await timeGroup()
      } else {
        grouped = try await timeGroup()
        gathered = try await timeGather()
      }
      precondition(gathered.1 == grouped.1 && gathered.1.last == count - 1, "wrong results")
      guard round >= 0 else { continue }
      gatherSamples.append(gathered.0.nanoseconds / Double(count))
      groupSamples.append(grouped.0.nanoseconds / Double(count))
    }
    return JSONLine.object([
      ("case", .string("paired")),
      ("n", .number(Double(count))),
      ("gather", .numbers(gatherSamples)),
      ("taskgroup", .numbers(groupSamples)),
    ])
  }
}

/// What one writes without GatherKit: a throwing task group, each child carrying its index, the
/// results put back in argument order.
func handWrittenTaskGroup(_ operations: [@Sendable () async throws -> Int]) async throws -> [Int] {
  try await withThrowingTaskGroup(of: (Int, Int).self) { group in
    for (index, operation) in operations.enumerated() {
      group.addTask {
        let value = try await operation()
        return (index, value)
      }
    }
    var results = [Int](repeating: 0, count: operations.count)
    for try await (index, value) in group {
      results[index] = value
    }
    return results
  }
}
