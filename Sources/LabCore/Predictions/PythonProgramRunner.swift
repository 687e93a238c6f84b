import Subprocess

#if canImport(System)
  import System
#else
  import SystemPackage
#endif

/// Runs a Python program with `python3 -c PROGRAM` through swift-subprocess, collecting what it
/// prints, and stops it at a time limit.
///
/// ```swift
/// let runner = PythonProgramRunner(executable: "/usr/bin/python3")
/// await runner.run(program: "print('hi')")  // .ran(status: 0, output: ["hi"], errors: [])
/// ```
///
/// The program gets no standard input; it runs in the current directory with the current
/// environment, as a lesson's program would when the learner runs it by hand.
public struct PythonProgramRunner<C: Clock & Sendable>: PythonProgramRunning where C.Duration == Duration {
  /// The python3 to run (`PythonInterpreter` finds one).
  public let executable: String
  /// How long a program may run before it is stopped.
  public let timeout: Duration
  /// The clock the time limit is measured on.
  public let clock: C
  /// Most bytes kept of each of standard output and standard error.
  static var outputLimit: Int { 1 << 20 }

  public init(executable: String, timeout: Duration = .seconds(30), clock: C) {
    self.executable = executable
    self.timeout = timeout
    self.clock = clock
  }

  public func run(program: String) async -> PythonProgramResult {
    let executable = executable
    return await withTaskGroup(of: PythonProgramResult?.self) { group in
      group.addTask { await Self.runToEnd(executable: executable, program: program) }
      group.addTask { [clock, timeout] in
        do {
          try await clock.sleep(for: timeout)
          return .timedOut(after: timeout)
        } catch {
          return nil
        }
      }
      // Whichever ends first decides; cancelling the run makes swift-subprocess stop the child.
      var result: PythonProgramResult?
      while result == nil, let next = await group.next() {
        result = next
      }
      group.cancelAll()
      return result ?? .timedOut(after: timeout)
    }
  }

  private static func runToEnd(executable: String, program: String) async -> PythonProgramResult {
    do {
      let result = try await Subprocess.run(
        .path(FilePath(executable)),
        arguments: ["-c", program],
        input: .none,
        output: .string(limit: outputLimit),
        error: .string(limit: outputLimit)
      )
      let status: Int32 =
        switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
      return .ran(
        status: status,
        output: PythonProgramResult.lines(of: result.standardOutput),
        errors: PythonProgramResult.lines(of: result.standardError)
      )
    } catch {
      if Task.isCancelled { return .timedOut(after: .zero) }
      return .unavailable("\(executable) could not be run: \(error)")
    }
  }
}

extension PythonProgramRunner where C == ContinuousClock {
  /// A runner whose time limit is on the real clock.
  public init(executable: String, timeout: Duration = .seconds(30)) {
    self.init(executable: executable, timeout: timeout, clock: ContinuousClock())
  }
}
