/// Every demo gatherlab can run, in the order the course meets them.
public struct DemoRegistry: Sendable {
  public let demos: [any Demo]

  public init(demos: [any Demo]) {
    self.demos = demos
  }

  public static let standard = DemoRegistry(demos: [
    SequentialDemo(),
    OrderingDemo(),
    ErrorCancelDemo(),
    ReturnExceptionsDemo(),
    SemaphoreDemo(),
    TimeoutDemo(),
    FirstCompletedDemo(),
    BlockingDemo(),
    AsCompletedDemo(),
    WorkerPoolDemo(),
    CleanupDemo(),
  ])

  public var ids: [String] { demos.map(\.id) }

  public func demo(id: String) -> (any Demo)? {
    demos.first { $0.id == id }
  }
}

/// No demo has the name the user typed.
public struct UnknownDemoError: Error, Equatable, CustomStringConvertible {
  public let name: String
  public let known: [String]

  public init(name: String, known: [String]) {
    self.name = name
    self.known = known
  }

  public var description: String {
    "Unknown demo '\(name)'." + Suggestions.didYouMean(name, in: known)
      + " Demos: \(known.joined(separator: ", "))."
  }
}

extension DemoRegistry {
  /// The demo called `id`, or an error suggesting the closest names.
  public func demo(named id: String) throws(UnknownDemoError) -> any Demo {
    guard let demo = demo(id: id) else { throw UnknownDemoError(name: id, known: ids) }
    return demo
  }
}
