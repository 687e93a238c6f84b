import LabCore
import Synchronization

/// A `PythonProgramRunning` that answers from a table instead of running python3, and records
/// the programs it was asked to run.
///
/// ```swift
/// let runner = FakePythonProgramRunner(result: .ran(status: 0, output: ["<_GatheringFuture pending>"], errors: []))
/// await runner.run(program: code)  // the result above
/// runner.programs                  // [code]
/// ```
public final class FakePythonProgramRunner: PythonProgramRunning {
  private let results: @Sendable (String) -> PythonProgramResult
  private let calls = Mutex<[String]>([])

  /// Answers every program with `result`.
  public convenience init(result: PythonProgramResult) {
    self.init { _ in result }
  }

  /// Answers each program with `results(program)`.
  public init(results: @escaping @Sendable (String) -> PythonProgramResult) {
    self.results = results
  }

  public func run(program: String) async -> PythonProgramResult {
    calls.withLock { $0.append(program) }
    return results(program)
  }

  /// The programs run so far, in order.
  public var programs: [String] { calls.withLock { $0 } }
}
