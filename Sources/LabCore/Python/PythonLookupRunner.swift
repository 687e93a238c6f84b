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
  /// Not a `Result` until asked for: making `Result<_, PythonNotFoundError>`'s type checks its
  /// `Failure: Error` requirement at run time, a search of every protocol conformance in the
  /// binary, and this runner is made at every start of the walkthrough.
  private let found = Mutex<Lookup?>(nil)

  private enum Lookup {
    case found(PythonInterpreter)
    case notFound(PythonNotFoundError)
  }

  public init(_ lookup: PythonLookup) {
    self.lookup = lookup
  }

  /// The interpreter, found the first time it is asked for.
  public func interpreter() -> Result<PythonInterpreter, PythonNotFoundError> {
    let lookup = found.withLock { found in
      if let found { return found }
      let result: Lookup
      do throws(PythonNotFoundError) {
        result = .found(try self.lookup.find())
      } catch {
        result = .notFound(error)
      }
      found = result
      return result
    }
    switch lookup {
    case .found(let python): return .success(python)
    case .notFound(let error): return .failure(error)
    }
  }

  public func run(program: String) async -> PythonProgramResult {
    switch interpreter() {
    case .success(let python): await PythonProgramRunner(executable: python.executable).run(program: program)
    case .failure(let error): .unavailable(error.description)
    }
  }
}
