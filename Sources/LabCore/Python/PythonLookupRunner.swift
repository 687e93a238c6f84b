import Synchronization

/// Runs the lessons' Python programs (what decides a `choice` prediction) under the python3 a
/// `PythonLookup` finds — the same one `compare` and `trace` use — looked up when the first
/// program runs, so starting the walkthrough looks for nothing and spawns nothing.
///
/// ```swift
/// let runner = PythonLookupRunner(PythonLookup(explicit: nil, environment: environment))
/// await runner.run(program: "print('hi')")  // .ran(status: 0, output: ["hi"], errors: [])
/// ```
public final class PythonLookupRunner: PythonProgramRunning {
  public let lookup: PythonLookup
  private let found = Mutex<Result<PythonInterpreter, PythonNotFoundError>?>(nil)

  public init(_ lookup: PythonLookup) {
    self.lookup = lookup
  }

  /// The interpreter, found the first time it is asked for.
  public func interpreter() -> Result<PythonInterpreter, PythonNotFoundError> {
    found.withLock { found in
      if let found { return found }
      let result: Result<PythonInterpreter, PythonNotFoundError>
      do throws(PythonNotFoundError) {
        result = .success(try lookup.find())
      } catch {
        result = .failure(error)
      }
      found = result
      return result
    }
  }

  public func run(program: String) async -> PythonProgramResult {
    switch interpreter() {
    case .success(let python): await PythonProgramRunner(executable: python.executable).run(program: program)
    case .failure(let error): .unavailable(error.description)
    }
  }
}
