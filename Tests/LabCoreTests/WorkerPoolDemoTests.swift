import Foundation
import LabCore
import TestSupport
import Testing

/// `worker-pool` on a test clock: two workers over a queue of at most two, a producer that waits
/// for room; and the queue itself (`BoundedQueue`).
@Suite(.timeLimit(.minutes(1))) struct WorkerPoolDemoTests {
  func lines(_ arguments: [String] = []) async throws -> [[String: Any]] {
    let (output, _) = try await DemoHarness(mode: .json).run("worker-pool", arguments)
    return try output.split(separator: "\n").map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }

  func times(_ lines: [[String: Any]], _ event: String) -> [String: Double] {
    var times: [String: Double] = [:]
    for line in lines where line["event"] as? String == event {
      if let task = line["task"] as? String, let t = line["t"] as? Double { times[task] = t }
    }
    return times
  }

  @Test func theProducerWaitsForRoomAndTheJobsGoThroughInRoundsOfTwo() async throws {
    let lines = try await lines()
    let producer = lines.filter { $0["phase"] as? String == "producer" }
    #expect(producer.map { $0["event"] as? String } == ["waiting", "finished"])
    #expect(producer.map { $0["t"] as? Double } == [0, 2])
    #expect(producer.last?["value"] as? String == "8 jobs put")
    // In the queue (waiting) from when the producer put them, running when a worker took them.
    #expect(times(lines, "waiting") == ["A": 0, "B": 0, "C": 0, "D": 0, "E": 1, "F": 1, "G": 2, "H": 2, "producer": 0])
    #expect(times(lines, "started") == ["A": 0, "B": 0, "C": 1, "D": 1, "E": 2, "F": 2, "G": 3, "H": 3])
    let join = try #require(lines.first { $0["type"] as? String == "join" })
    #expect(join["label"] as? String == "queue.join() returned")
    #expect(join["t"] as? Double == 4)
    let result = try #require(lines.last)
    #expect(result["maxRunning"] as? Int == 2)
    #expect((result["results"] as? [[String: Any]])?.count == 8)
  }

  @Test func unboundedTheProducerNeverWaitsAndTheQueueHoldsSix() async throws {
    let (_, report) = try await DemoHarness().run("worker-pool", ["maxsize=0"])
    #expect(report.elapsed == 4)
    #expect(WorkerPoolDemo().takeaway(report) == [
      "The producer never waited for room: all 8 jobs went into the queue by 0.00s, an unbounded one (maxsize 0).",
      "At most 6 jobs waited in the queue at once (maxsize 0: no limit).",
      "The 2 workers were busy 100% of the time until join() returned, never more than 2 jobs at once.",
    ])
  }

  @Test func theSummarySaysHowLongTheProducerWaitedThePeakQueueAndTheWorkersBusy() async throws {
    let (_, report) = try await DemoHarness().run("worker-pool", ["jobs=5", "workers=3"])
    #expect(WorkerPoolDemo().takeaway(report) == [
      "The producer never waited for room: all 5 jobs went into the queue by 0.00s.",
      "At most 2 jobs waited in the queue at once (maxsize 2).",
      "The 3 workers were busy 83% of the time until join() returned, never more than 3 jobs at once.",
    ])
    let (_, full) = try await DemoHarness().run("worker-pool")
    #expect(WorkerPoolDemo().said(full).map(\.id) == ["worker-pool.backpressure", "worker-pool.peak", "worker-pool.busy"])
    #expect(WorkerPoolDemo().takeaway(full).first
      == "The queue was full, so the producer waited for room from 0.00s until its last job went in at 2.00s: backpressure held it to the workers' pace.")
  }

  @Test func theListingShowsItsParametersDefaultsAndRanges() {
    let lines = DemoListing.lines(DemoRegistry(demos: [WorkerPoolDemo()]), width: 100).map(\.plainText)
    #expect(lines == [
      "  worker-pool  N workers over a bounded queue: a producer that gets ahead waits for room",
      "               (backpressure).",
      "               jobs=8  how many jobs the producer puts in the queue (1–26)",
      "               workers=2  how many workers take jobs from the queue (1–10)",
      "               maxsize=2  most jobs waiting in the queue; 0 is unbounded (0–20)",
      "               delay=1  seconds each job takes a worker (0–10 s)",
    ])
  }

  @Test func badParametersAreUsageErrorsNamingTheValidValues() {
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "workers", value: "0", expected: "a whole number from 1 to 10"))) {
      _ = try DemoLaunch(demo: "worker-pool", arguments: ["workers=0"], speed: .normal, registry: .standard)
    }
    #expect(throws: DemoLaunchError.parameter(.invalidValue(parameter: "maxsize", value: "-1", expected: "a whole number from 0 to 20"))) {
      _ = try DemoLaunch(demo: "worker-pool", arguments: ["maxsize=-1"], speed: .normal, registry: .standard)
    }
  }

  @Test func aFullQueueMakesPutWaitUntilAGetMakesRoom() async throws {
    let queue = BoundedQueue<Int>(maxsize: 1)
    try await queue.put(1)
    #expect(queue.isFull)
    let put = Task { try await queue.put(2) }
    // The second put cannot finish while the queue is full: a get lets it in.
    #expect(try await queue.get() == 1)
    try await put.value
    #expect(queue.count == 1)
    #expect(try await queue.get() == 2)
  }

  @Test func joinReturnsOnceEveryItemHasHadItsTaskDone() async throws {
    let queue = BoundedQueue<Int>(maxsize: 0)
    try await queue.put(1)
    try await queue.put(2)
    let joined = Task { try await queue.join() }
    _ = try await queue.get()
    queue.taskDone()
    _ = try await queue.get()
    queue.taskDone()
    try await joined.value
    #expect(queue.count == 0)
  }

  @Test func aGetterCancelledWhileWaitingThrowsCancellationError() async throws {
    let queue = BoundedQueue<Int>(maxsize: 2)
    let getter = Task { try await queue.get() }
    getter.cancel()
    await #expect(throws: CancellationError.self) { try await getter.value }
    try await queue.put(7)
    #expect(try await queue.get() == 7)
  }
}
