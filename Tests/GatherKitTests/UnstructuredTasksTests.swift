import Clocks
import GatherKit
import TestSupport
import Testing

@Suite struct UnstructuredTasksTests {
  func start(_ row: String, on timeline: Timeline) -> UnstructuredTasks<String> {
    UnstructuredTasks(timeline.tasks(row), clock: timeline.clock, observer: timeline.observer, executor: timeline.clock.executor)
  }

  @Test func gatherThrowsTheFirstErrorAtOnceWhileTheOthersRunOn() async throws {
    let timeline = Timeline()
    let tasks = start("A1! B2 C2", on: timeline)
    let caller = timeline.call { try await tasks.gather() }
    let settled = timeline.call { await tasks.settle().map(GatherSettledTests.describe) }
    await timeline.run()
    await caller.value
    await settled.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s A failed A failed",
      "1s caller caught A failed",
      "2s B finished B",
      "2s C finished C",
      "2s caller got [\"error: A failed\", \"value: B\", \"value: C\"]",
    ])
  }

  @Test func gatherKeepsOnlyTheFirstOfSeveralErrors() async throws {
    let timeline = Timeline()
    let tasks = start("A1! B2!", on: timeline)
    let caller = timeline.call { try await tasks.gather() }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A failed A failed",
      "1s caller caught A failed",
      "2s B failed B failed",
    ])
  }

  @Test func gatherReturnsValuesInArgumentOrderWhenAllSucceed() async throws {
    let timeline = Timeline()
    let tasks = start("A3 B1 C2", on: timeline)
    let caller = timeline.call { try await tasks.gather() }
    await timeline.run()
    await caller.value
    #expect(timeline.lines.last == "3s caller got [\"A\", \"B\", \"C\"]")
  }

  @Test func cancellingTheGatherCallerCancelsEveryRunningTask() async throws {
    let timeline = Timeline()
    let tasks = start("A3 B1", on: timeline)
    let caller = timeline.call { try await tasks.gather() }
    await timeline.settle()
    await timeline.advance(by: .seconds(1))
    caller.cancel()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A cancelled",
      "1s B finished B",
      "1s caller caught CancellationError()",
    ])
  }

  @Test func waitForFirstCompletedReturnsWithTheOthersStillPendingAndCancelsNothing() async throws {
    let timeline = Timeline()
    let tasks = start("A3 B1 C2", on: timeline)
    let caller = timeline.call { await tasks.wait(for: .firstCompleted) }
    await timeline.settle()
    await timeline.advance(by: .seconds(1))
    await caller.value
    await timeline.advance(by: .seconds(1))
    #expect(timeline.lines.last == "2s C finished C")
    tasks.cancel(tasks.status.pending)
    _ = await tasks.settle()
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s B finished B",
      "1s caller got Status(done: [1], pending: [0, 2])",
      "2s A cancelled",
      "2s C finished C",
    ])
  }

  @Test func waitForFirstExceptionReturnsAtTheFirstFailure() async throws {
    let timeline = Timeline()
    let tasks = start("A1 B2! C3", on: timeline)
    let caller = timeline.call { await tasks.wait(for: .firstException) }
    await timeline.settle()
    await timeline.advance(by: .seconds(2))
    await caller.value
    #expect(timeline.lines.last == "2s caller got Status(done: [0, 1], pending: [2])")
    tasks.cancelAll()
    _ = await tasks.settle()
  }

  @Test func waitForAllCompletedReturnsWhenEveryTaskHasEnded() async throws {
    let timeline = Timeline()
    let tasks = start("A1! B2", on: timeline)
    let caller = timeline.call { await tasks.wait(for: .allCompleted) }
    await timeline.run()
    await caller.value
    #expect(timeline.lines.suffix(2) == ["2s B finished B", "2s caller got Status(done: [0, 1], pending: [])"])
  }
}
