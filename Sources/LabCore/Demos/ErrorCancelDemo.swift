/// One task fails: a task group cancels its siblings, asyncio.gather leaves them running.
public struct ErrorCancelDemo: Demo {
  public init() {}

  public let id = "error-cancel"
  public let summary = "One task fails: a task group cancels its siblings, asyncio.gather leaves them running."
  public let parameters = [
    DemoParameter("delays", .secondsList(each: 0...30, count: 1...11), default: "2,2", help: "seconds each succeeding task takes"),
    DemoParameter("fail-at", .seconds(0...30), default: "1", help: "when the extra, failing task throws"),
    DemoParameter("mode", .choice(["taskgroup", "gather"]), default: "taskgroup", help: "taskgroup cancels siblings; gather (Python's) does not"),
  ]
}
