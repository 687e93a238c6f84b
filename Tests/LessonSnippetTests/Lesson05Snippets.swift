import Clocks
import GatherKit
import Testing

func threeJobs(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await gather([
    { try await job("A", seconds: 3, clock: clock) },
    { try await job("B", seconds: 1, clock: clock) },
    { try await job("C", seconds: 2, clock: clock) },
  ])
}

func finishOrder(
  clock: some Clock<Duration> = ContinuousClock()
) async throws -> [String] {
  try await withThrowingTaskGroup(of: String.self) { group in
    for (name, seconds) in [("A", 3), ("B", 1), ("C", 2)] {
      group.addTask { try await job(name, seconds: seconds, clock: clock) }
    }
    var names: [String] = []
    for try await name in group {
      names.append(name)
    }
    return names
  }
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson05Snippets {
  @Test func resultsKeepArgumentOrderWhileTasksFinishBCA() async throws {
    let run = ScriptedRun { clock in try await threeJobs(clock: clock) }
    await run.advance(to: 2, onceSleeping: 3)
    #expect(run.secondsWhenReturned == nil)
    await run.advance(to: 3, onceSleeping: 1)
    #expect(try await run.value() == ["A", "B", "C"])
    #expect(run.lines == ["1.0s Task B done", "2.0s Task C done", "3.0s Task A done"])
    #expect(run.secondsWhenReturned == 3)
  }

  @Test func aBareTaskGroupYieldsInFinishOrder() async throws {
    let run = ScriptedRun { clock in try await finishOrder(clock: clock) }
    await run.advance(to: 3, onceSleeping: 3)
    #expect(try await run.value() == ["B", "C", "A"])
  }
}
