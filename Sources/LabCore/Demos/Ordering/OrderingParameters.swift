/// `ordering`'s parameters: one delay per task.
public struct OrderingParameters: DemoParameterSet {
  /// Seconds each task takes, in argument order.
  public var delays: [Double] = [3, 1, 2]

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds each task takes, one per task"),
  ]
}
