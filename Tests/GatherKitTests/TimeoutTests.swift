import Clocks
import GatherKit
import TestSupport
import Testing

@Suite struct TimeoutTests {
  @Test func theDeadlineCancelsTheLateTaskAndLosesTheFinishedResults() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1 B2 C7")
    let caller = timeline.call {
      try await withTimeout(.seconds(5), clock: timeline.clock) {
        try await gather(operations, clock: timeline.clock, observer: timeline.observer)
      }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "0s C started",
      "1s A finished A",
      "2s B finished B",
      "5s C cancelled",
      "5s caller caught timed out after 5.0 seconds",
    ])
  }

  @Test func anOperationThatEndsInTimeReturnsItsValue() async throws {
    let timeline = Timeline()
    let operations = timeline.tasks("A1 B2")
    let caller = timeline.call {
      try await withTimeout(.seconds(5), clock: timeline.clock) {
        try await gather(operations, clock: timeline.clock, observer: timeline.observer)
      }
    }
    await timeline.run()
    await caller.value
    #expect(timeline.lines == [
      "0s A started",
      "0s B started",
      "1s A finished A",
      "2s B finished B",
      "2s caller got [\"A\", \"B\"]",
    ])
  }

  @Test func anErrorBeforeTheDeadlineIsRethrownAsIs() async throws {
    let timeline = Timeline()
    let caller = timeline.clock.start {
      try await withTimeout(.seconds(5), clock: timeline.clock) {
        try await timeline.failing(0, after: 1)()
      }
    }
    await timeline.run()
    await #expect(throws: DemoFailure(task: "A")) { try await caller.value }
  }
}

@Suite struct AsyncSemaphoreTests {
  @Test func waitersAreServedInArrivalOrder() async throws {
    let semaphore = AsyncSemaphore(permits: 1)
    try await semaphore.acquire()
    let timeline = Timeline()
    var waiters: [Task<Void, any Error>] = []
    for index in 0..<3 {
      waiters.append(timeline.clock.start {
        try await semaphore.acquire()
        timeline.note("\(Timeline.letter(index)) acquired")
        semaphore.release()
      })
      // Each waiter queues up before the next one starts: settled, it is parked in acquire.
      await timeline.settle()
    }
    semaphore.release()
    for waiter in waiters { try await waiter.value }
    #expect(timeline.lines == ["0s caller A acquired", "0s caller B acquired", "0s caller C acquired"])
  }

  @Test func aCancelledWaiterIsSkippedAndTheOthersKeepTheirTurn() async throws {
    let semaphore = AsyncSemaphore(permits: 1)
    try await semaphore.acquire()
    let timeline = Timeline()
    var waiters: [Task<Void, any Error>] = []
    for index in 0..<4 {
      waiters.append(timeline.clock.start {
        try await semaphore.acquire()
        timeline.note("\(Timeline.letter(index)) acquired")
        semaphore.release()
      })
      await timeline.settle()
    }
    waiters[1].cancel()
    await #expect(throws: CancellationError.self) { try await waiters[1].value }
    semaphore.release()
    for index in [0, 2, 3] { try await waiters[index].value }
    #expect(timeline.lines == ["0s caller A acquired", "0s caller C acquired", "0s caller D acquired"])
  }

  @Test func reservedTurnsAreServedInTheOrderTheyWereTakenWhoeverAsksFirst() async throws {
    let semaphore = AsyncSemaphore(permits: 1)
    try await semaphore.acquire()
    let turns = (0..<3).map { _ in semaphore.reserve() }
    let timeline = Timeline()
    var waiters: [Task<Void, any Error>] = []
    for index in [2, 1, 0] {
      waiters.append(timeline.clock.start {
        try await semaphore.acquire(turns[index])
        timeline.note("\(Timeline.letter(index)) acquired")
        semaphore.release()
      })
      await timeline.settle()
    }
    semaphore.release()
    for waiter in waiters { try await waiter.value }
    #expect(timeline.lines == ["0s caller A acquired", "0s caller B acquired", "0s caller C acquired"])
  }

  @Test func aCancelledTurnThatWasAlreadyServedPassesItsPermitOn() async throws {
    let semaphore = AsyncSemaphore(permits: 1)
    let first = semaphore.reserve()  // served at once: the permit is held for it
    let second = semaphore.reserve()
    let cancelled = Task {
      withUnsafeCurrentTask { $0?.cancel() }
      try await semaphore.acquire(first)
    }
    await #expect(throws: CancellationError.self) { try await cancelled.value }
    try await semaphore.acquire(second)
  }

  @Test func aCancelledWaiterThrowsAndLeaksNoPermit() async throws {
    let semaphore = AsyncSemaphore(permits: 1)
    try await semaphore.acquire()
    let clock = ClockStepper()
    let waiter = clock.start { try await semaphore.acquire() }
    await clock.settle()  // parked in acquire
    waiter.cancel()
    await #expect(throws: CancellationError.self) { try await waiter.value }
    semaphore.release()
    // The permit is free again: a new acquire succeeds at once.
    try await semaphore.acquire()
  }
}
