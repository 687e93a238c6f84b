/// `cleanup`'s parameters: the tasks' work, the deadline over them, how long each cleanup takes,
/// and whether one task swallows its cancellation instead.
public struct CleanupParameters: DemoParameterSet {
  /// What a task does with the cancellation the deadline sends it.
  public enum Mode: String, DemoMode {
    /// Every task cleans up, then re-raises: the right way.
    case reraise
    /// Task `swallow` catches its cancellation and carries on with its work.
    case swallow
  }

  /// Seconds of work each task needs.
  public var delays: [Double] = [0.5, 2.5, 3]
  /// Seconds until the deadline cancels the tasks still running.
  public var deadline = 1.0
  /// Seconds a cancelled task's cleanup takes (closing its connection).
  public var cleanup = 0.5
  public var mode = Mode.reraise
  /// The index of the task that swallows its cancellation in `mode=swallow` (0 is A).
  public var swallow = 1

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds of work each task needs"),
    .seconds("deadline", \.deadline, 0.1...30, help: "seconds until the deadline cancels the tasks"),
    .seconds("cleanup", \.cleanup, 0...5, help: "seconds a cancelled task's cleanup takes"),
    .mode("mode", \.mode, help: "reraise: clean up, then re-raise; swallow: one task carries on"),
    .integer("swallow", \.swallow, 0...11, help: "in mode=swallow, the index of the task that swallows (0 is A)"),
  ]

  public var conflict: String? {
    guard mode == .swallow, !delays.indices.contains(swallow) else { return nil }
    return "swallow=\(swallow) names no task: \(TaskName.indexRange(count: delays.count))."
  }

  /// The index of the task that swallows its cancellation, if any does.
  var swallower: Int? {
    mode == .swallow && delays.indices.contains(swallow) ? swallow : nil
  }
}
