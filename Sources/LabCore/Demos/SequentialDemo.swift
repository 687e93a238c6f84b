/// Awaiting one by one against gathering: the same work, 3× faster.
public struct SequentialDemo: Demo {
  public init() {}

  public let id = "sequential"
  public let summary = "Awaiting one by one against gathering: the same work, 3× faster."
  public let parameters = [
    DemoParameter("count", .integer(1...10), default: "3", help: "how many fetches"),
    DemoParameter("delay", .seconds(0...10), default: "1", help: "seconds each fetch takes"),
  ]
}
