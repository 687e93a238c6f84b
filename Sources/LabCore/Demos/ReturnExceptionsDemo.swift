/// return_exceptions=True: errors come back as values in their slots; nothing is cancelled.
public struct ReturnExceptionsDemo: Demo {
  public init() {}

  public let id = "return-exceptions"
  public let summary = "return_exceptions=True: errors come back as values in their slots; nothing is cancelled."
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...11), default: "2", help: "seconds each succeeding task takes"),
    DemoParameter("fail-at", .seconds(0...30), default: "1", help: "when the extra, failing task throws"),
  ]
}
