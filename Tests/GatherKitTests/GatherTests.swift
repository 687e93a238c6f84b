import Clocks
import GatherKit
import TestSupport
import Testing

@Suite struct GatherTests {
  @Test func resultsKeepArgumentOrderWhenTasksFinishOutOfOrder() async throws {
    let timeline = Timeline()
    let caller = timeline.call {
      try await gather(timeline.tasks("A3 B1 C2"), clock: timeline.clock, observer: timeline.observer)
    }
    await timeline.run()
    await caller.value
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
    let caller = timeline.call {
      try await gather(timeline.tasks("A1! B2 C2"), clock: timeline.clock, observer: timeline.observer)
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
    let caller = timeline.call {
      try await gather(timeline.tasks("A3 B1 C2"), clock: timeline.clock, observer: timeline.observer)
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
      "1s caller caught CancellationError()",
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
    let caller = timeline.call {
      await gatherSettled(timeline.tasks("A1! B2"), clock: timeline.clock, observer: timeline.observer)
        .map(Self.describe)
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
    let caller = timeline.call {
      await gatherSettled(timeline.tasks("A1 B5"), clock: timeline.clock, observer: timeline.observer)
        .map(Self.describe)
    }
    await timeline.settle()
    await timeline.advance(by: .seconds(2))
    caller.cancel()
    await caller.value
    #expect(timeline.lines.last == "2s caller got [\"value: A\", \"error: CancellationError()\"]")
  }

  static func describe(_ outcome: Result<String, any Error>) -> String {
    switch outcome {
    case .success(let value): "value: \(value)"
    case .failure(let error): "error: \(error)"
    }
  }
}
