/// `worker-pool`'s parameters: how many jobs, how many workers take them, how many may wait in
/// the queue, and how long each takes.
public struct WorkerPoolParameters: DemoParameterSet {
  public var jobs = 8
  public var workers = 2
  /// Most jobs waiting in the queue; 0 is unbounded, as in `asyncio.Queue(maxsize=0)`.
  public var maxsize = 2
  /// Seconds each job takes a worker.
  public var delay = 1.0

  public init() {}

  public static let fields: [DemoField<Self>] = [
    .integer("jobs", \.jobs, 1...26, help: "how many jobs the producer puts in the queue"),
    .integer("workers", \.workers, 1...10, help: "how many workers take jobs from the queue"),
    .integer("maxsize", \.maxsize, 0...20, help: "most jobs waiting in the queue; 0 is unbounded"),
    .seconds("delay", \.delay, 0...10, help: "seconds each job takes a worker"),
  ]
}
