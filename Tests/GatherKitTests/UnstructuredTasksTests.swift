import Clocks
import GatherKit
import Testing

@Suite struct UnstructuredTasksTests {
  @Test func gatherThrowsTheFirstErrorAtOnceWhileTheOthersRunOn() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.failing(0, after: 1), timeline.succeeding(1, after: 2), timeline.succeeding(2, after: 2)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task {
      do {
        _ = try await tasks.gather()
        timeline.note("returned")
      } catch {
        timeline.note("caught \(error)")
      }
      let late = await tasks.settle()
      timeline.note("settled \(late.map(GatherSettledTests.describe))")
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s A failed A failed",
      "1s caller caught A failed",
      "2s B finished B",
      "2s C finished C",
      "2s caller settled [\"error: A failed\", \"value: B\", \"value: C\"]",
    ])
  }

  @Test func gatherKeepsOnlyTheFirstOfSeveralErrors() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.failing(0, after: 1), timeline.failing(1, after: 2)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task {
      do {
        _ = try await tasks.gather()
      } catch {
        timeline.note("caught \(error)")
      }
    }
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
    let tasks = UnstructuredTasks(
      [timeline.succeeding(0, after: 3), timeline.succeeding(1, after: 1), timeline.succeeding(2, after: 2)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task { try await tasks.gather() }
    await timeline.run()
    #expect(try await caller.value == ["A", "B", "C"])
  }

  @Test func cancellingTheGatherCallerCancelsEveryRunningTask() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.succeeding(0, after: 3), timeline.succeeding(1, after: 1)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task {
      do {
        _ = try await tasks.gather()
      } catch {
        timeline.note("caught \(type(of: error))")
      }
    }
    await timeline.settle()
    await timeline.advance(by: .seconds(1))
    caller.cancel()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A cancelled",
      "1s B finished B",
      "1s caller caught CancellationError",
    ])
  }

  @Test func waitForFirstCompletedReturnsWithTheOthersStillPendingAndCancelsNothing() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.succeeding(0, after: 3), timeline.succeeding(1, after: 1), timeline.succeeding(2, after: 2)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task {
      let status = await tasks.wait(for: .firstCompleted)
      timeline.note("done \(status.done) pending \(status.pending)")
      return status
    }
    await timeline.settle()
    await timeline.advance(by: .seconds(1))
    let status = await caller.value
    #expect(status == .init(done: [1], pending: [0, 2]))
    await timeline.advance(by: .seconds(1))
    #expect(timeline.lines.last == "2s C finished C")
    tasks.cancel(tasks.status.pending)
    _ = await tasks.settle()
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s B finished B",
      "1s caller done [1] pending [0, 2]",
      "2s A cancelled",
      "2s C finished C",
    ])
  }

  @Test func waitForFirstExceptionReturnsAtTheFirstFailure() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.succeeding(0, after: 1), timeline.failing(1, after: 2), timeline.succeeding(2, after: 3)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task { await tasks.wait(for: .firstException) }
    await timeline.settle()
    await timeline.advance(by: .seconds(2))
    #expect(await caller.value == .init(done: [0, 1], pending: [2]))
    tasks.cancelAll()
    _ = await tasks.settle()
  }

  @Test func waitForAllCompletedReturnsWhenEveryTaskHasEnded() async throws {
    let timeline = Timeline()
    let tasks = UnstructuredTasks(
      [timeline.failing(0, after: 1), timeline.succeeding(1, after: 2)],
      clock: timeline.clock,
      observer: timeline.observer
    )
    let caller = Task {
      let status = await tasks.wait(for: .allCompleted)
      timeline.note("all done \(status.done)")
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines.suffix(2) == ["2s B finished B", "2s caller all done [0, 1]"])
  }
}
