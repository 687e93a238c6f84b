/// At most limit tasks run at once: a semaphore over all tasks, or a sliding window.
public struct SemaphoreDemo: Demo {
  public init() {}

  public let id = "semaphore"
  public let summary = "At most limit tasks run at once: a semaphore over all tasks, or a sliding window."
  public let parameters = [
    DemoParameter("tasks", .integer(1...100), default: "20", help: "how many tasks"),
    DemoParameter("limit", .integer(1...100), default: "5", help: "most tasks running at once"),
    DemoParameter("delay", .seconds(0...10), default: "1", help: "seconds each task takes"),
    DemoParameter("mode", .choice(["semaphore", "window"]), default: "semaphore", help: "semaphore creates every task up front; window only limit at a time"),
  ]
}
