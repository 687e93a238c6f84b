/// `semaphore`'s parameters: how many tasks, how many at once, how each is bounded, which fails.
public struct SemaphoreParameters: DemoParameterSet {
  /// The guide's semaphore over tasks that all exist up front, or a sliding window.
  public enum Mode: String, DemoMode {
    case semaphore, window
  }

  public var tasks = 20
  /// Most tasks running at once.
  public var limit = 5
  /// Seconds each task takes.
  public var delay = 1.0
  public var mode = Mode.semaphore
  /// The index of the task that fails, if any (0 is A).
  public var fail: Int? = nil

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .integer("tasks", \.tasks, 1...100, help: "how many tasks"),
    .integer("limit", \.limit, 1...100, help: "most tasks running at once"),
    .seconds("delay", \.delay, 0...10, help: "seconds each task takes"),
    .mode("mode", \.mode, help: "semaphore creates every task up front; window creates limit at a time"),
    .integerOrNone("fail", \.fail, 0...99, help: "the index of a task that fails (0 is A), or none"),
  ]

  public var conflict: String? {
    guard let fail, fail >= tasks else { return nil }
    return "fail=\(fail) names no task: \(TaskName.indexRange(count: tasks))."
  }
}
