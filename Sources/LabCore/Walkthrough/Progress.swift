/// Where the learner is: the current lesson, the lessons done, the demo speed.
/// Saved as `progress.json`: `{"version":1,"current":"…","completed":[…],"speed":1}`.
public struct Progress: Codable, Sendable, Equatable {
  public var version: Int
  public var current: String
  public var completed: [String]
  public var speed: Double

  public init(current: String, completed: [String] = [], speed: Double = 1) {
    version = 1
    self.current = current
    self.completed = completed
    self.speed = speed
  }
}
