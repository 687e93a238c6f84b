import Clocks
import GatherKit
import Testing

@Suite struct GatherTests {
  @Test func resultsKeepArgumentOrderWhenTasksFinishOutOfOrder() async throws {
    let timeline = Timeline()
    let caller = Task {
      let results = try await gather(
        [timeline.succeeding(0, after: 3), timeline.succeeding(1, after: 1), timeline.succeeding(2, after: 2)],
        clock: timeline.clock,
        observer: timeline.observer
      )
      timeline.note("got \(results)")
      return results
    }
    await timeline.run()
    #expect(try await caller.value == ["A", "B", "C"])
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s B finished B",
      "2s C finished C",
      "3s A finished A",
      "3s caller got [\"A\", \"B\", \"C\"]",
    ])
  }

  @Test func firstErrorCancelsTheSiblingsAtOnceAndIsRethrown() async throws {
    let timeline = Timeline()
    let caller = Task {
      do {
        _ = try await gather(
          [timeline.failing(0, after: 1), timeline.succeeding(1, after: 2), timeline.succeeding(2, after: 2)],
          clock: timeline.clock,
          observer: timeline.observer
        )
        timeline.note("returned")
      } catch {
        timeline.note("caught \(error)")
      }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s A failed A failed",
      "1s B cancelled",
      "1s C cancelled",
      "1s caller caught A failed",
    ])
  }

  @Test func cancellingTheCallerCancelsEveryOperation() async throws {
    let timeline = Timeline()
    let caller = Task {
      do {
        _ = try await gather(
          [timeline.succeeding(0, after: 3), timeline.succeeding(1, after: 1), timeline.succeeding(2, after: 2)],
          clock: timeline.clock,
          observer: timeline.observer
        )
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
      "0s C started",
      "1s A cancelled",
      "1s B finished B",
      "1s C cancelled",
      "1s caller caught CancellationError",
    ])
  }

  @Test func noOperationsGiveAnEmptyResult() async throws {
    let results: [Int] = try await gather([])
    #expect(results.isEmpty)
  }
}

@Suite struct GatherSettledTests {
  @Test func errorsComeBackInTheirSlotsAndNothingIsCancelled() async throws {
    let timeline = Timeline()
    let caller = Task {
      let outcomes = await gatherSettled(
        [timeline.failing(0, after: 1), timeline.succeeding(1, after: 2)],
        clock: timeline.clock,
        observer: timeline.observer
      )
      timeline.note("got \(outcomes.map(Self.describe))")
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A failed A failed",
      "2s B finished B",
      "2s caller got [\"error: A failed\", \"value: B\"]",
    ])
  }

  @Test func cancellingTheCallerPutsCancellationErrorsInTheUnfinishedSlots() async throws {
    let timeline = Timeline()
    let caller = Task {
      await gatherSettled(
        [timeline.succeeding(0, after: 1), timeline.succeeding(1, after: 5)],
        clock: timeline.clock,
        observer: timeline.observer
      )
    }
    await timeline.settle()
    await timeline.advance(by: .seconds(2))
    caller.cancel()
    let outcomes = await caller.value
    #expect(outcomes.map(Self.describe) == ["value: A", "error: CancellationError()"])
  }

  static func describe(_ outcome: Result<String, any Error>) -> String {
    switch outcome {
    case .success(let value): "value: \(value)"
    case .failure(let error): "error: \(error)"
    }
  }
}
