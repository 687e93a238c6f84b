/// `return-exceptions`'s parameters: the succeeding tasks' delays and when A fails.
public struct ReturnExceptionsParameters: DemoParameterSet {
  /// Seconds each succeeding task (B, C, …) takes.
  public var delays: [Double] = [2]
  /// When task A throws.
  public var failAt = 1.0

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...11, help: "seconds each succeeding task (B, C, …) takes"),
    .seconds("fail-at", \.failAt, 0...30, help: "when task A throws"),
  ]
}
