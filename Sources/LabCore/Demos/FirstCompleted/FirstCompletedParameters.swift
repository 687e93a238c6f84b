/// `first-completed`'s parameters: one delay per task.
public struct FirstCompletedParameters: DemoParameterSet {
  public var delays: [Double] = [3, 1, 2]

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .secondsList("delays", \.delays, each: 0...30, count: 1...12, help: "seconds each task takes"),
  ]
}
