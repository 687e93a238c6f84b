/// `sequential`'s parameters: how many fetches and how long each takes.
public struct SequentialParameters: DemoParameterSet {
  public var count = 3
  public var delay = 1.0

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .integer("count", \.count, 1...12, help: "how many fetches"),
    .seconds("delay", \.delay, 0.1...10, help: "seconds each fetch takes"),
  ]
}
