import Testing

func gatherSketch<Value: Sendable>(
  _ operations: [@Sendable () async throws -> Value]
) async throws -> [Value] {
  try await withThrowingTaskGroup(of: (Int, Value).self) { group in
    for (index, operation) in operations.enumerated() {
      group.addTask {
        let value = try await operation()
        return (index, value)
      }
    }
    var slots = [Value?](repeating: nil, count: operations.count)
    for try await (index, value) in group {
      slots[index] = value
    }
    return slots.map { $0! }
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson03Snippets {
  @Test func theSketchPutsResultsInArgumentOrderWhileTheyFinishBCA() async throws {
    let run = ScriptedRun { clock -> [String] in
      try await gatherSketch([
        { try await job("A", seconds: 3, clock: clock) },
        { try await job("B", seconds: 1, clock: clock) },
        { try await job("C", seconds: 2, clock: clock) },
      ])
    }
    await run.advance(to: 3, onceSleeping: 3)
    #expect(try await run.value() == ["A", "B", "C"])
    #expect(run.lines == ["1.0s Task B done", "2.0s Task C done", "3.0s Task A done"])
    #expect(run.secondsWhenReturned == 3)
  }

  @Test func theSketchOfNothingIsEmpty() async throws {
    let results: [String] = try await gatherSketch([])
    #expect(results.isEmpty)
  }
}
