/// What a demo will do with its parameters, known before it runs: its tasks and its nominal
/// timing, against which the measured run is judged.
public struct DemoPlan: Sendable, Equatable {
  /// A task the demo will run, in argument order.
  public struct PlannedTask: Sendable, Hashable {
    public var name: String
    public var phase: String?
    /// How long its work takes once it starts, in nominal seconds, when known in advance: the
    /// timeline keeps it in view when the task is cut short.
    public var duration: Double?

    public init(name: String, phase: String? = nil, duration: Double? = nil) {
      self.name = name
      self.phase = phase
      self.duration = duration
    }
  }

  public var tasks: [PlannedTask]
  /// The phases, in order, when the demo runs the same work more than one way.
  public var phases: [String]
  /// When the caller's `await` should return or throw, in nominal seconds.
  public var ideal: Double
  /// How long awaiting the same work one task after another would take.
  public var sequential: Double
  /// How long the whole run should last, orphaned tasks included: the time axis.
  public var horizon: Double
  /// A timeout's deadline, if any.
  public var deadline: Double?
  /// The processor count the demo measured, for a demo whose timing depends on it (`blocking`).
  public var cores: Int?

  public init(
    tasks: [PlannedTask],
    phases: [String] = [],
    ideal: Double,
    sequential: Double,
    horizon: Double? = nil,
    deadline: Double? = nil,
    cores: Int? = nil
  ) {
    self.tasks = tasks
    self.phases = phases
    self.ideal = ideal
    self.sequential = sequential
    self.horizon = horizon ?? ideal
    self.deadline = deadline
    self.cores = cores
  }

  /// Tasks named A, B, C… in one phase.
  public static func lettered(_ count: Int, phase: String? = nil) -> [PlannedTask] {
    (0..<count).map { PlannedTask(name: TaskName.letter($0), phase: phase) }
  }

  /// Tasks named A, B, C… in one phase, taking `durations` seconds each.
  public static func lettered(durations: [Double], phase: String? = nil) -> [PlannedTask] {
    durations.enumerated().map { PlannedTask(name: TaskName.letter($0), phase: phase, duration: $1) }
  }
}
