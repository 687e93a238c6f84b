import Testing

func namesInFinishOrder(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await withThrowingTaskGroup(of: String.self) { group in
    for (name, milliseconds) in [("A", 150), ("B", 50), ("C", 100)] {
      group.addTask { try await fetch(name, after: .milliseconds(milliseconds), clock: clock) }
    }
    var names: [String] = []
    for try await name in group {
      names.append(name)
    }
    return names
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson17Snippets {
  @Test func aGroupYieldsItsChildrenInFinishOrder() async throws {
    let run = ScriptedRun { clock in try await namesInFinishOrder(clock: clock) }
    await run.advance(to: 0.05, onceSleeping: 3)
    await run.advance(to: 0.1, onceSleeping: 2)
    await run.advance(to: 0.15, onceSleeping: 1)
    #expect(try await run.value() == ["B", "C", "A"])
  }
}
