import Synchronization

/// Operations started as unstructured tasks that outlive the scope that started them, as Python's
/// `asyncio.create_task` does, with the ways Python waits on them: `gather` and `wait`.
///
/// Swift's structured concurrency never leaves a task running behind its caller. Python's
/// `asyncio.gather` does: when one awaitable fails, the caller gets the error at once and the
/// others keep running, unobserved. This type reproduces that so it can be shown, measured and
/// taught; prefer ``gather(_:clock:observer:)`` in real Swift code.
///
/// ```swift
/// let tasks = UnstructuredTasks(operations)
/// do {
///   let values = try await tasks.gather()      // first error arrives at once...
/// } catch {
///   let late = await tasks.settle()            // ...while the others run on
/// }
///
/// let status = await tasks.wait(for: .firstCompleted)
/// tasks.cancel(status.pending)                 // `wait` cancels nothing by itself
/// ```
public final class UnstructuredTasks<Value: Sendable>: Sendable {
  /// When ``wait(for:)`` returns, as in `asyncio.wait(return_when=...)`.
  public enum Completion: Sendable {
    /// As soon as any task has ended.
    case firstCompleted
    /// As soon as any task has failed, or when all have ended.
    case firstException
    /// When every task has ended.
    case allCompleted
  }

  /// Which tasks had ended and which had not when ``wait(for:)`` returned.
  public struct Status: Sendable, Equatable {
    /// Indices of the tasks that had ended, ascending.
    public var done: [Int]
    /// Indices of the tasks still running, ascending.
    public var pending: [Int]

    public init(done: [Int], pending: [Int]) {
      self.done = done
      self.pending = pending
    }
  }

  private struct Waiter {
    let id: UInt64
    let completion: Completion
    let continuation: CheckedContinuation<Void, Never>
  }

  private struct State {
    var outcomes: [Result<Value, any Error>?]
    var endedCount = 0
    var firstFailure: (any Error)?
    var waiters: [Waiter] = []
    var nextWaiterID: UInt64 = 0

    func isSatisfied(_ completion: Completion) -> Bool {
      switch completion {
      case .firstCompleted: endedCount > 0 || outcomes.isEmpty
      case .firstException: firstFailure != nil || endedCount == outcomes.count
      case .allCompleted: endedCount == outcomes.count
      }
    }
  }

  /// The state the tasks report into; a class so the tasks can hold it before `self` exists.
  private final class Shared: Sendable {
    let state: Mutex<State>
    init(count: Int) { state = Mutex(State(outcomes: Array(repeating: nil, count: count))) }
  }

  private let shared: Shared
  private let tasks: [Task<Void, Never>]

  /// Starts every operation at once, each in its own unstructured task.
  ///
  /// - Parameter executor: where the tasks run: by default the executor the calling scope bound
  ///   in ``TaskPlacement/executor``, else (nil) the global concurrent executor, as `Task { }`.
  public init<C: Clock>(
    _ operations: [@Sendable () async throws -> Value],
    clock: C = ContinuousClock(),
    observer: TaskObserver<Value, C.Instant>? = nil,
    executor: (any TaskExecutor)? = TaskPlacement.executor
  ) {
    let shared = Shared(count: operations.count)
    self.shared = shared
    tasks = operations.enumerated().map { index, operation in
      Task(executorPreference: executor) {
        let outcome: Result<Value, any Error>
        do {
          let value = try await observing(index, clock: clock, observer: observer, operation)
          outcome = .success(value)
        } catch {
          outcome = .failure(error)
        }
        Self.record(outcome, at: index, in: shared)
      }
    }
  }

  private static func record(_ outcome: Result<Value, any Error>, at index: Int, in shared: Shared) {
    let ready = shared.state.withLock { state -> [Waiter] in
      state.outcomes[index] = outcome
      state.endedCount += 1
      if case .failure(let error) = outcome, state.firstFailure == nil {
        state.firstFailure = error
      }
      let snapshot = state
      let ready = snapshot.waiters.filter { snapshot.isSatisfied($0.completion) }
      state.waiters.removeAll { snapshot.isSatisfied($0.completion) }
      return ready
    }
    for waiter in ready {
      waiter.continuation.resume()
    }
  }

  /// Python's `asyncio.gather` semantics: the values in argument order once all have succeeded,
  /// or the first error as soon as it happens — while the other tasks keep running.
  ///
  /// Cancelling the caller cancels every task still running (as cancelling a gather does in
  /// Python), and the call then throws the first error that ends one, usually `CancellationError`.
  public func gather() async throws -> [Value] {
    await withTaskCancellationHandler {
      _ = await wait(for: .firstException, cancellable: false)
    } onCancel: {
      cancelAll()
    }
    return try shared.state.withLock { state in
      if let failure = state.firstFailure { throw failure }
      return try state.outcomes.map { try $0!.get() }
    }
  }

  /// Waits until `completion` holds, like `asyncio.wait`, and says which tasks are done.
  ///
  /// It cancels nothing, not even when it returns with tasks still pending: cancel them with
  /// ``cancel(_:)`` or they run on. If the caller is cancelled it stops waiting and returns the
  /// status at that moment.
  public func wait(for completion: Completion) async -> Status {
    await wait(for: completion, cancellable: true)
  }

  private func wait(for completion: Completion, cancellable: Bool) async -> Status {
    let id: UInt64? = shared.state.withLock { state in
      if state.isSatisfied(completion) { return nil }
      state.nextWaiterID += 1
      return state.nextWaiterID
    }
    if let id {
      await withTaskCancellationHandler {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
          let resumeNow = shared.state.withLock { state in
            if state.isSatisfied(completion) || (cancellable && Task.isCancelled) { return true }
            state.waiters.append(Waiter(id: id, completion: completion, continuation: continuation))
            return false
          }
          if resumeNow { continuation.resume() }
        }
      } onCancel: {
        guard cancellable else { return }
        let waiter = shared.state.withLock { state -> Waiter? in
          guard let position = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
          return state.waiters.remove(at: position)
        }
        waiter?.continuation.resume()
      }
    }
    return status
  }

  /// Which tasks have ended, right now.
  public var status: Status {
    shared.state.withLock { state in
      let indices = state.outcomes.indices
      return Status(
        done: indices.filter { state.outcomes[$0] != nil },
        pending: indices.filter { state.outcomes[$0] == nil },
      )
    }
  }

  /// Requests cancellation of the tasks at `indices`; each ends when it next checks.
  public func cancel(_ indices: some Sequence<Int>) {
    for index in indices where tasks.indices.contains(index) {
      tasks[index].cancel()
    }
  }

  /// Requests cancellation of every task.
  public func cancelAll() {
    cancel(tasks.indices)
  }

  /// Waits for every task to end, however it ends, and returns all outcomes in argument order.
  ///
  /// This is how a program keeps track of the tasks Python's `gather` orphaned after an error.
  public func settle() async -> [Result<Value, any Error>] {
    for task in tasks {
      await task.value
    }
    return shared.state.withLock { state in state.outcomes.map { $0! } }
  }
}
