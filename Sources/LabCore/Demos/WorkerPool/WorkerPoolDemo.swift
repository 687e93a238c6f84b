import GatherKit
import LabTerminal
import Synchronization

/// A producer puts eight one-second jobs into a queue of at most two; two workers take them out.
/// The producer gets ahead, finds the queue full and waits for room: backpressure. Each job's row
/// shows its wait in the queue (`░`) and its work (`█`); the producer's row shows how long it
/// waited for room, from the first time it found the queue full until its last job went in.
///
/// Python: `asyncio.Queue(maxsize)`, `task_done()` and `join()`, the workers cancelled at the end.
/// Swift: `BoundedQueue` (in this folder), since Swift has no bounded `AsyncStream` that makes its
/// producer wait.
public struct WorkerPoolDemo: Demo {
  public init() {}

  public let id = "worker-pool"
  public let summary = "N workers over a bounded queue: a producer that gets ahead waits for room (backpressure)."
  public let sourceFile = "WorkerPoolDemo.swift"
  public let pythonFile = "worker_pool.py"
  // Jobs more than workers + maxsize, or at most maxsize: the producer waits for room for a
  // while, or never (between the two, whether it finds the queue full at 0 s for an instant
  // depends on who runs first).
  public let parityCases = [
    [], ["jobs=6", "workers=3", "maxsize=1", "delay=0.5"], ["jobs=4", "workers=1", "maxsize=1"],
    ["jobs=5", "maxsize=0"], ["jobs=3", "workers=2", "maxsize=3"], ["jobs=9", "workers=3", "maxsize=2", "delay=2"],
  ]

  /// The producer's row, beside the jobs' rows (not one of the plan's phases).
  static let producer = "producer"

  public func plan(_ parameters: WorkerPoolParameters) -> DemoPlan {
    let jobs = parameters.jobs
    let rounds = (jobs + parameters.workers - 1) / parameters.workers
    return DemoPlan(
      tasks: DemoPlan.lettered(durations: Array(repeating: parameters.delay, count: jobs))
        + [DemoPlan.PlannedTask(name: Self.producer, phase: Self.producer)],
      ideal: Double(rounds) * parameters.delay,
      sequential: Double(jobs) * parameters.delay
    )
  }

  public func run<C: Clock>(_ parameters: WorkerPoolParameters, session: DemoSession<C>) async where C.Duration == Duration {
    let clock = session.clock
    let delay = parameters.delay
    let jobCount = parameters.jobs
    let workerCount = parameters.workers
    let observer = session.observer()
    let producer = session.observer(phase: Self.producer)
    let results = ResultSlots(count: jobCount)
    // code: begin
    // asyncio.Queue(maxsize): put() waits while it is full, get() while it is empty.
    let queue = BoundedQueue<Int>(maxsize: parameters.maxsize)
    let job = { @Sendable (index: Int) async throws -> String in
      let work = SimulatedWork.returning(TaskName.letter(index), after: delay, on: clock)
      return try await observing(index, clock: clock, observer: observer, work)
    }
    do {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<workerCount {
          // A worker: take a job, do it, mark it done; until cancelled.
          group.addTask {
            while true {
              let index = try await queue.get()
              let result = try await job(index)
              results.set(index, result)
              queue.taskDone()
            }
          }
        }
        // The producer: put() waits for room whenever the queue is full.
        var waited = false
        for index in 0..<jobCount {
          if queue.isFull, !waited {
            producer.record(0, .waiting, clock.now)
            waited = true
          }
          // The job's row waits (░) from when it is in the queue.
          try await queue.put(index) {
            observer.record(index, .waiting, clock.now)
          }
        }
        producer.record(0, .finished("\(jobCount) jobs put"), clock.now)
        try await queue.join()  // every job put has had its taskDone()
        session.returned("queue.join() returned", results.values)
        group.cancelAll()  // the workers would wait at get() forever
      }
    } catch {
      session.caught(error)
    }
    // code: end
  }
}

/// The jobs' results by index, written by the workers.
final class ResultSlots: Sendable {
  private let slots: Mutex<[String?]>

  init(count: Int) { slots = Mutex(Array(repeating: nil, count: count)) }

  func set(_ index: Int, _ value: String) { slots.withLock { $0[index] = value } }

  var values: [String] { slots.withLock { $0.compactMap { $0 } } }
}
