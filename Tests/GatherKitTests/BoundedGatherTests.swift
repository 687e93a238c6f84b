import Clocks
import GatherKit
import Synchronization
import TestSupport
import Testing

@Suite struct BoundedGatherTests {
  @Test func slidingWindowStartsTheNextTaskAsEachOneEnds() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A2 B1 C1 D1 E1")
    let caller = timeline.call {
      try await boundedGather(operations, limit: 2, clock: timeline.clock, observer: timeline.observer) { try await $0() }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s B finished B",
      "1s C started",
      "2s A finished A",
      "2s C finished C",
      "2s D started",
      "2s E started",
      "3s D finished D",
      "3s E finished E",
      "3s caller got [\"A\", \"B\", \"C\", \"D\", \"E\"]",
    ])
  }

  @Test func neverMoreThanTheLimitRunAtOnce() async throws {
    let timeline = Timeline()
    let running = RunningCount()
    let caller = timeline.clock.start {
      try await boundedGather(0..<20, limit: 5, clock: timeline.clock, observer: running.observer) { index in
        try await timeline.succeeding(index, after: 1)()
      }
    }
    await timeline.run()
    let results = try await caller.value
    #expect(results.count == 20)
    #expect(running.peak == 5)
    #expect(timeline.clock.now == ClockStepper.Instant(offset: .seconds(4)))
  }

  @Test func theFirstErrorCancelsTheTasksInFlightAndStartsNoMore() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1! B3 C3 D3 E3")
    let caller = timeline.call {
      try await boundedGather(operations, limit: 2, clock: timeline.clock, observer: timeline.observer) { try await $0() }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A failed A failed",
      "1s B cancelled",
      "1s caller caught A failed",
    ])
  }
}

@Suite struct SemaphoreGatherTests {
  @Test func everyTaskExistsUpFrontAndAllButLimitWait() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1 B1 C1 D1")
    let caller = timeline.call {
      try await semaphoreGather(operations, limit: 2, clock: timeline.clock, observer: timeline.observer) { try await $0() }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A waiting",
      "0s A started",
      "0s B waiting",
      "0s B started",
      "0s C waiting",
      "0s D waiting",
      "1s A finished A",
      "1s B finished B",
      "1s C started",
      "1s D started",
      "2s C finished C",
      "2s D finished D",
      "2s caller got [\"A\", \"B\", \"C\", \"D\"]",
    ])
  }

  @Test func theFirstErrorCancelsRunningAndWaitingTasks() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1! B3 C3")
    let caller = timeline.call {
      try await semaphoreGather(operations, limit: 2, clock: timeline.clock, observer: timeline.observer) { try await $0() }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A waiting",
      "0s A started",
      "0s B waiting",
      "0s B started",
      "0s C waiting",
      "1s A failed A failed",
      "1s B cancelled",
      "1s C cancelled",
      "1s caller caught A failed",
    ])
  }
}

/// Counts operations running at once from observer events and keeps the peak.
final class RunningCount: Sendable {
  private let state = Mutex((running: 0, peak: 0, starts: 0))

  var observer: TaskObserver<String, ClockStepper.Instant> {
    TaskObserver { [self] _, event, _ in
      state.withLock { state in
        switch event {
        case .started:
          state.running += 1
          state.starts += 1
          state.peak = max(state.peak, state.running)
        case .finished, .failed, .cancelled: state.running -= 1
        case .waiting: break
        }
      }
    }
  }

  var peak: Int { state.withLock { $0.peak } }

}

@Suite(.timeLimit(.minutes(1))) struct BehindSemaphoreTests {
  @Test func anErrorReachesTheCallerAtOnceWhileTheWavesGoOn() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1 B1 C1! D1 E1")
    let tasks = UnstructuredTasks.behindSemaphore(
      operations, limit: 2, clock: timeline.clock, observer: timeline.observer, executor: timeline.clock.executor
    ) {
      try await $0()
    }
    let caller = timeline.call { try await tasks.gather() }
    await timeline.run()
    await caller.value
    _ = await tasks.settle()
    #expect(timeline.lines == [
      "0s A waiting",
      "0s A started",
      "0s B waiting",
      "0s B started",
      "0s C waiting",
      "0s D waiting",
      "0s E waiting",
      "1s A finished A",
      "1s B finished B",
      "1s C started",
      "1s D started",
      "2s C failed C failed",
      "2s D finished D",
      "2s E started",
      "2s caller caught C failed",
      "3s E finished E",
    ])
  }
}
