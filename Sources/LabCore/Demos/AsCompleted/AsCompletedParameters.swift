/// `as-completed`'s parameters: one delay per task, how long handling a result takes, and whether
/// results are handled as they finish or after gather has them all.
public struct AsCompletedParameters: DemoParameterSet {
  /// Handle each result as its task finishes (`asyncio.as_completed`, `for try await` over a task
  /// group), or wait for all of them and handle them in argument order (`asyncio.gather`).
  public enum Mode: String, DemoMode {
    case finish, gather
  }

  public var delays: [Double] = [3, 1, 2]
  /// Seconds the consumer spends on each result (writing it somewhere, say).
  public var handle = 0.5
  public var mode = Mode.finish

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds each task takes"),
    .seconds("handle", \.handle, 0...5, help: "seconds the consumer spends on each result"),
    .mode("mode", \.mode, help: "finish handles each result as it ends; gather waits for all, then handles them in order"),
  ]
}
