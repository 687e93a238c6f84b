/// `blocking`'s parameters: how many tasks, how long each blocks or waits, and how.
public struct BlockingParameters: DemoParameterSet {
  /// How each task spends its `delay`.
  public enum Mode: String, DemoMode {
    /// Blocks its thread, like `time.sleep` in a coroutine.
    case sleep
    /// Suspends, like `await asyncio.sleep`.
    case await
    /// Blocks a worker thread of its own, like `await asyncio.to_thread(time.sleep, …)`.
    case thread
  }

  public var tasks = 3
  public var delay = 1.0
  public var mode = Mode.sleep

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .integer("tasks", \.tasks, 1...12, help: "how many tasks"),
    .seconds("delay", \.delay, 0.1...10, help: "seconds each task blocks or waits"),
    .mode("mode", \.mode, help: "sleep blocks the thread; await suspends; thread blocks a thread of its own (to_thread)"),
  ]
}
