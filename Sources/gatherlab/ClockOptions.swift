import ArgumentParser
import LabCore

/// `--clock real|virtual` and `--seed N`, for the commands that run Python (DESIGN §13).
struct ClockOptions: ParsableArguments {
  enum Kind: String, ExpressibleByArgument, CaseIterable {
    case real, virtual
  }

  @Option(
    help: ArgumentHelp(
      "real (default) or virtual: on virtual time the event loop jumps to its next timer whenever it would wait with nothing real pending, so sleeps take no time and instants are exact.",
      valueName: "clock"))
  var clock: Kind?

  @Option(help: ArgumentHelp("On virtual time: scale each timer's delay (within ±10%) and order timers due together by seed N; 0 (default) perturbs nothing.", valueName: "N"))
  var seed: Int?

  func validate() throws {
    if let seed, seed < 0 { throw ValidationError("--seed takes a whole number 0 or more, not \(seed).") }
    if seed != nil, clock == .real { throw ValidationError("--seed perturbs virtual time: leave out --clock real, or use --clock virtual.") }
  }

  /// The clock asked for: virtual with `--clock virtual` or a `--seed`, real otherwise.
  var resolved: PythonClock {
    clock == .virtual || seed != nil ? .virtual(seed: seed ?? 0) : .real
  }
}
