import Foundation

/// A task executor that runs the code under test on one thread of its own, one job at a time,
/// and knows exactly when it has nothing left to do.
///
/// Every job enqueued here is counted until it has run, so "quiet" — nothing queued, nothing
/// running — is a fact read under a lock, not a guess from a quiet spell. Tasks started with
/// `Task(executorPreference:)` run here, and so do their task-group and `async let` children,
/// the default actors they call, and their continuations, whoever resumes them (the test task
/// waking a sleeper on the test clock enqueues the sleeper here before `resume()` returns).
/// A plain `Task { }` does not inherit the preference: code under test that starts one takes the
/// executor as a parameter (`UnstructuredTasks(executor:)`, `TaskPlacement.executor`).
///
/// ```swift
/// let executor = QuiescenceExecutor()
/// let run = Task(executorPreference: executor) { await codeUnderTest() }
/// await executor.quiet()     // everything it could do without time moving has been done
/// ```
///
/// One thread, one job at a time: the code under test never blocks a thread waiting for another
/// task (tests use `SimulatedBlocker`), and serial execution makes every run of a test alike.
/// The thread ends when the executor is released (tasks keep it while they prefer it).
public final class QuiescenceExecutor: TaskExecutor, Sendable {
  /// The queue and the counts, shared with the thread (which must not keep the executor alive).
  private final class Core: @unchecked Sendable {
    let condition = NSCondition()
    // Guarded by `condition`.
    var queue: [UnownedJob] = []
    var head = 0
    var pending = 0
    var jobsRun = 0
    var closed = false
    var waiters: [CheckedContinuation<Void, Never>] = []
    weak var thread: Thread?
    /// The executor's unowned reference, for running jobs on it; set before the thread starts.
    var executor: UnownedTaskExecutor?

    func next() -> UnownedJob? {
      condition.lock()
      defer { condition.unlock() }
      while head == queue.count {
        if closed { return nil }
        condition.wait()
      }
      let job = queue[head]
      head += 1
      if head == queue.count {
        queue.removeAll(keepingCapacity: true)
        head = 0
      }
      return job
    }

    /// A job has run: when it was the last one pending, everyone waiting for quiet may go on.
    func finished() {
      condition.lock()
      pending -= 1
      jobsRun += 1
      var ready: [CheckedContinuation<Void, Never>] = []
      if pending == 0 { swap(&ready, &waiters) }
      condition.unlock()
      for waiter in ready { waiter.resume() }
    }
  }

  private let core = Core()

  public init(name: String = "QuiescenceExecutor") {
    let core = core
    core.executor = asUnownedTaskExecutor()
    let thread = Thread {
      guard let executor = core.executor else { return }
      while let job = core.next() {
        job.runSynchronously(on: executor)
        core.finished()
      }
    }
    thread.name = name
    core.thread = thread
    thread.start()
  }

  deinit {
    core.condition.lock()
    core.closed = true
    core.condition.signal()
    core.condition.unlock()
  }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    core.condition.lock()
    core.queue.append(job)
    core.pending += 1
    core.condition.signal()
    core.condition.unlock()
  }

  /// Nothing queued and nothing running, right now.
  public var isQuiet: Bool {
    core.condition.lock()
    defer { core.condition.unlock() }
    return core.pending == 0
  }

  /// Jobs run so far: a test can see that work happened here.
  public var jobsRun: Int {
    core.condition.lock()
    defer { core.condition.unlock() }
    return core.jobsRun
  }

  /// Whether the caller is running on this executor's thread.
  public var isCurrent: Bool { Thread.current === core.thread }

  /// Returns once nothing is queued or running: at once if that is so now, else when the last
  /// pending job has run. Quiet can end again the moment something outside resumes a task here.
  public func quiet() async {
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
      core.condition.lock()
      if core.pending == 0 {
        core.condition.unlock()
        continuation.resume()
      } else {
        core.waiters.append(continuation)
        core.condition.unlock()
      }
    }
  }
}
