/// asyncio.wait(FIRST_COMPLETED): return at the first result, then cancel the rest yourself.
public struct FirstCompletedDemo: Demo {
  public init() {}

  public let id = "first-completed"
  public let summary = "asyncio.wait(FIRST_COMPLETED): return at the first result, then cancel the rest yourself."
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "3,1,2", help: "seconds each task takes"),
  ]
}
