import Clocks
import GatherKit
import Synchronization
import Testing

@Suite struct BoundedGatherTests {
  @Test func slidingWindowStartsTheNextTaskAsEachOneEnds() async throws {
    let timeline = Timeline()
    let delays: [Double] = [2, 1, 1, 1, 1]
    let caller = Task {
      try await boundedGather(0..<5, limit: 2, clock: timeline.clock, observer: timeline.observer) { index in
        try await timeline.succeeding(index, after: delays[index])()
      }
    }
    await timeline.run()
    #expect(try await caller.value == ["A", "B", "C", "D", "E"])
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
    ])
  }

  @Test func neverMoreThanTheLimitRunAtOnce() async throws {
    let timeline = Timeline()
    let running = RunningCount()
    let caller = Task {
      try await boundedGather(0..<20, limit: 5, clock: timeline.clock, observer: running.observer) { index in
        try await timeline.succeeding(index, after: 1)()
      }
    }
    await timeline.run()
    let results = try await caller.value
    #expect(results.count == 20)
    #expect(running.peak == 5)
    #expect(timeline.clock.now == TestClock<Duration>.Instant(offset: .seconds(4)))
  }

  @Test func theFirstErrorCancelsTheTasksInFlightAndStartsNoMore() async throws {
    let timeline = Timeline()
    let caller = Task {
      do {
        _ = try await boundedGather(0..<5, limit: 2, clock: timeline.clock, observer: timeline.observer) { index in
          index == 0 ? try await timeline.failing(0, after: 1)() : try await timeline.succeeding(index, after: 3)()
        }
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
      "1s B cancelled",
      "1s caller caught A failed",
    ])
  }
}

@Suite struct SemaphoreGatherTests {
  @Test func everyTaskExistsUpFrontAndAllButLimitWait() async throws {
    let timeline = Timeline()
    let caller = Task {
      try await semaphoreGather(0..<4, limit: 2, clock: timeline.clock, observer: timeline.observer) { index in
        try await timeline.succeeding(index, after: 1)()
      }
    }
    await timeline.run()
    #expect(try await caller.value == ["A", "B", "C", "D"])
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
    ])
  }

  @Test func theFirstErrorCancelsRunningAndWaitingTasks() async throws {
    let timeline = Timeline()
    let caller = Task {
      do {
        _ = try await semaphoreGather(0..<3, limit: 2, clock: timeline.clock, observer: timeline.observer) { index in
          index == 0 ? try await timeline.failing(0, after: 1)() : try await timeline.succeeding(index, after: 3)()
        }
      } catch {
        timeline.note("caught \(error)")
      }
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

  var observer: TaskObserver<String, TestClock<Duration>.Instant> {
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
