/// Tasks finish in any order; gather returns results in argument order.
public struct OrderingDemo: Demo {
  public init() {}

  public let id = "ordering"
  public let summary = "Tasks finish in any order; gather returns results in argument order."
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...12), default: "3,1,2", help: "seconds each task takes, one per task"),
  ]
}
