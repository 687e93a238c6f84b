/// `error-cancel`'s parameters: the succeeding tasks' delays, when A fails, and who runs them.
public struct ErrorCancelParameters: DemoParameterSet {
  /// A task group (Python's `asyncio.TaskGroup`) or `asyncio.gather` as Python really has it.
  public enum Mode: String, DemoMode {
    case taskgroup, gather
  }

  /// Seconds each succeeding task (B, C, …) takes.
  public var delays: [Double] = [2, 2]
  /// When task A throws.
  public var failAt = 1.0
  public var mode = Mode.taskgroup

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...11, help: "seconds each succeeding task (B, C, …) takes"),
    .seconds("fail-at", \.failAt, 0...30, help: "when task A throws"),
    .mode("mode", \.mode, help: "taskgroup cancels the others; gather (Python's) leaves them running"),
  ]
}
