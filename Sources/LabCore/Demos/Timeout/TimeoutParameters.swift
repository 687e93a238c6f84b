/// `timeout`'s parameters: the tasks' delays, the deadline, and what it covers.
public struct TimeoutParameters: DemoParameterSet {
  /// One deadline over the whole gather, or one per task.
  public enum Mode: String, DemoMode {
    case all, each
  }

  public var delays: [Double] = [1, 2, 7]
  /// Seconds before the deadline.
  public var timeout = 5.0
  public var mode = Mode.all

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds each task takes"),
    .seconds("timeout", \.timeout, 0.1...30, help: "seconds before the deadline"),
    .mode("mode", \.mode, help: "all: one deadline over the gather; each: a deadline per task"),
  ]
}
