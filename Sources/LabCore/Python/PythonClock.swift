/// Which clock a Python run's event loop reads (DESIGN §13): the wall clock, or virtual time
/// (`_gatherlab_clock.py`: the loop jumps to its next timer whenever it would wait with nothing
/// real pending), perturbed by a seed.
///
/// ```swift
/// PythonClock.virtual(seed: 7).environment  // ["GATHERLAB_CLOCK": "virtual", "GATHERLAB_SEED": "7"]
/// ```
public enum PythonClock: Sendable, Equatable, Hashable, CustomStringConvertible {
  case real
  /// `seed` 0 perturbs nothing; another scales each timer's delay within ±10% and orders timers
  /// due at the same instant, both drawn from the seed.
  case virtual(seed: Int)

  /// The embedded module that installs virtual time, next to the tracer.
  public static let moduleName = "_gatherlab_clock"

  public var isVirtual: Bool { self != .real }

  public var seed: Int {
    if case .virtual(let seed) = self { seed } else { 0 }
  }

  /// What the child's environment says (set either way, so an inherited value never decides).
  public var environment: [String: String] {
    switch self {
    case .real: ["GATHERLAB_CLOCK": "real", "GATHERLAB_SEED": "0"]
    case .virtual(let seed): ["GATHERLAB_CLOCK": "virtual", "GATHERLAB_SEED": String(seed)]
    }
  }

  /// The modules to install before the others: the clock module on virtual time, none on real.
  public var modules: [(name: String, text: String)] {
    guard isVirtual, let text = EmbeddedFiles.demoPython.first(where: { $0.name == Self.moduleName + ".py" })?.text else { return [] }
    return [(Self.moduleName, text)]
  }

  /// `real`, `virtual`, or `virtual, seed 7`.
  public var description: String {
    switch self {
    case .real: "real"
    case .virtual(0): "virtual"
    case .virtual(let seed): "virtual, seed \(seed)"
    }
  }
}
