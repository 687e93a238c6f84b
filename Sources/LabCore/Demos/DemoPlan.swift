/// What a demo will do with its parameters, known before it runs: its tasks and its nominal
/// timing, against which the measured run is judged.
public struct DemoPlan: Sendable, Equatable {
  /// A task the demo will run, in argument order.
  public struct PlannedTask: Sendable, Equatable {
    public var name: String
    public var phase: String?

    public init(name: String, phase: String? = nil) {
      self.name = name
      self.phase = phase
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

  public init(
    tasks: [PlannedTask],
    phases: [String] = [],
    ideal: Double,
    sequential: Double,
    horizon: Double? = nil,
    deadline: Double? = nil
  ) {
    self.tasks = tasks
    self.phases = phases
    self.ideal = ideal
    self.sequential = sequential
    self.horizon = horizon ?? ideal
    self.deadline = deadline
  }

  /// Tasks named A, B, C… in one phase.
  public static func lettered(_ count: Int, phase: String? = nil) -> [PlannedTask] {
    (0..<count).map { PlannedTask(name: TaskName.letter($0), phase: phase) }
  }
}
