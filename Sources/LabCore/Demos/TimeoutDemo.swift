/// A deadline over a gather: the late task is cancelled and the finished results are lost.
public struct TimeoutDemo: Demo {
  public init() {}

  public let id = "timeout"
  public let summary = "A deadline over a gather: the late task is cancelled and the finished results are lost."
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "1,2,7", help: "seconds each task takes"),
    DemoParameter("timeout", .seconds(0.1...30), default: "5", help: "seconds before the deadline"),
  ]
}
