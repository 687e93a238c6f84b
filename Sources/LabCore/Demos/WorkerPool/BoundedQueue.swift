import Synchronization

/// A FIFO queue for tasks with Python's `asyncio.Queue(maxsize)` semantics, the smallest one that
/// is honest: `put` suspends while the queue holds `maxsize` items (backpressure; 0 is unbounded),
/// `get` suspends while it is empty, and `taskDone`/`join` count the items not yet finished.
///
/// Swift has no bounded `AsyncStream` that makes its producer wait (a full stream drops), and
/// swift-async-algorithms' `AsyncChannel` hands each element straight to a consumer with no room
/// for waiting items and no `join`; so `worker-pool` uses this one. Waiting putters and getters
/// are served in the order they came; a task cancelled while it waits stops waiting and throws
/// `CancellationError`.
///
/// ```swift
/// let queue = BoundedQueue<Int>(maxsize: 2)
/// try await queue.put(1)            // suspends while 2 items wait
/// let item = try await queue.get()  // suspends while none waits
/// queue.taskDone()
/// try await queue.join()            // returns once every item put has had its taskDone()
/// ```
public final class BoundedQueue<Element: Sendable>: Sendable {
  /// Most items waiting in the queue; 0 is no limit.
  public let maxsize: Int

  private struct Putter {
    var id: UInt64
    var item: Element
    var enqueued: @Sendable () -> Void
    var continuation: CheckedContinuation<Void, any Error>
  }

  private struct State {
    var items: [Element] = []
    var head = 0
    var getters: [(id: UInt64, continuation: CheckedContinuation<Element, any Error>)] = []
    var putters: [Putter] = []
    var joiners: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    var unfinished = 0
    var nextID: UInt64 = 0

    var count: Int { items.count - head }

    mutating func id() -> UInt64 {
      nextID += 1
      return nextID
    }

    mutating func take() -> Element {
      let item = items[head]
      head += 1
      if head > 64, head * 2 > items.count {
        items.removeFirst(head)
        head = 0
      }
      return item
    }
  }

  private let state = Mutex(State())

  public init(maxsize: Int) {
    self.maxsize = max(0, maxsize)
  }

  /// How many items wait in the queue now.
  public var count: Int { state.withLock { $0.count } }

  /// Whether a `put` now would wait for room.
  public var isFull: Bool { state.withLock { maxsize > 0 && $0.count >= maxsize } }

  /// Puts `item` at the back, waiting while the queue is full. `enqueued` is called the moment
  /// the item enters the queue, before any getter can take it (to timestamp its wait there).
  public func put(_ item: Element, enqueued: @escaping @Sendable () -> Void = {}) async throws {
    let id = state.withLock { $0.id() }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let resume: CheckedContinuation<Element, any Error>? = state.withLock { state in
          if Task.isCancelled {
            continuation.resume(throwing: CancellationError())
            return nil
          }
          guard maxsize == 0 || state.count < maxsize else {
            state.putters.append(Putter(id: id, item: item, enqueued: enqueued, continuation: continuation))
            return nil
          }
          enqueued()
          state.unfinished += 1
          continuation.resume()
          guard !state.getters.isEmpty else {
            state.items.append(item)
            return nil
          }
          return state.getters.removeFirst().continuation
        }
        resume?.resume(returning: item)
      }
    } onCancel: {
      let putter = state.withLock { state -> Putter? in
        guard let index = state.putters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.putters.remove(at: index)
      }
      putter?.continuation.resume(throwing: CancellationError())
    }
  }

  /// Takes the item at the front, waiting while the queue is empty; a producer waiting for room
  /// gets it, its item entering the queue at once.
  public func get() async throws -> Element {
    let id = state.withLock { $0.id() }
    return try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Element, any Error>) in
        let (item, putter) = state.withLock { state -> (Element?, Putter?) in
          if Task.isCancelled { return (nil, nil) }
          guard state.count > 0 else {
            state.getters.append((id, continuation))
            return (nil, nil)
          }
          let item = state.take()
          guard !state.putters.isEmpty else { return (item, nil) }
          let putter = state.putters.removeFirst()
          putter.enqueued()
          state.unfinished += 1
          state.items.append(putter.item)
          return (item, putter)
        }
        putter?.continuation.resume()
        if let item {
          continuation.resume(returning: item)
        } else if Task.isCancelled, !state.withLock({ $0.getters.contains { $0.id == id } }) {
          continuation.resume(throwing: CancellationError())
        }
      }
    } onCancel: {
      let getter = state.withLock { state -> CheckedContinuation<Element, any Error>? in
        guard let index = state.getters.firstIndex(where: { $0.id == id }) else { return nil }
        return state.getters.remove(at: index).continuation
      }
      getter?.resume(throwing: CancellationError())
    }
  }

  /// One item taken by `get` is finished (Python's `queue.task_done()`).
  public func taskDone() {
    let joiners = state.withLock { state -> [CheckedContinuation<Void, any Error>] in
      state.unfinished = max(0, state.unfinished - 1)
      guard state.unfinished == 0 else { return [] }
      defer { state.joiners = [] }
      return state.joiners.map(\.continuation)
    }
    for joiner in joiners { joiner.resume() }
  }

  /// Waits until every item put has had its `taskDone()` (Python's `await queue.join()`).
  public func join() async throws {
    let id = state.withLock { $0.id() }
    try await withTaskCancellationHandler {
      try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
        let done = state.withLock { state -> Bool in
          if Task.isCancelled { return true }
          guard state.unfinished > 0 else { return true }
          state.joiners.append((id, continuation))
          return false
        }
        if done {
          if Task.isCancelled { continuation.resume(throwing: CancellationError()) } else { continuation.resume() }
        }
      }
    } onCancel: {
      let joiner = state.withLock { state -> CheckedContinuation<Void, any Error>? in
        guard let index = state.joiners.firstIndex(where: { $0.id == id }) else { return nil }
        return state.joiners.remove(at: index).continuation
      }
      joiner?.resume(throwing: CancellationError())
    }
  }
}
