import Foundation
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One run of `gatherlab` (or another program) with pipes for its standard streams, as a script or
/// CI job runs it: no terminal, so no colour, no line editor and no live redraws.
///
/// ```swift
/// let result = try await GatherlabProcess(["run", "ordering", "--json"], environment: ["NO_COLOR": "1"]).run()
/// #expect(result.status == .exited(0))
/// #expect(result.standardError == "")
///
/// // Ctrl-C when piped: SIGINT once the program has shown it is running.
/// let interrupted = try await GatherlabProcess(["run", "timeout"])
///   .run(interrupting: .whenStandardOutputContains("running"))
/// #expect(interrupted.status == .exited(130))
/// ```
///
/// The environment is the test process's own without the variables that change formatting (see
/// ``ChildEnvironment``), with `environment` applied on top; `nil` removes a variable.
struct GatherlabProcess: Sendable {
  var executable: URL
  var arguments: [String]
  var environment: [String: String?]
  var standardInput: [UInt8]
  var workingDirectory: URL?
  /// How long the program may run before it is killed and the run throws ``ProcessTimeoutError``.
  var timeout: Duration

  /// Runs the `gatherlab` built beside the tests (see ``GatherlabBinary``).
  init(
    _ arguments: [String] = [],
    environment: [String: String?] = [:],
    standardInput: String = "",
    timeout: Duration = .seconds(10)
  ) throws {
    self.init(
      executable: try GatherlabBinary.url,
      arguments,
      environment: environment,
      standardInput: standardInput,
      timeout: timeout
    )
  }

  /// Runs any program, for checking the harness itself against system tools.
  init(
    executable: URL,
    _ arguments: [String] = [],
    environment: [String: String?] = [:],
    standardInput: String = "",
    timeout: Duration = .seconds(10)
  ) {
    self.executable = executable
    self.arguments = arguments
    self.environment = environment
    self.standardInput = Array(standardInput.utf8)
    self.workingDirectory = nil
    self.timeout = timeout
  }

  /// When to send SIGINT to a piped run, as a user pressing Ctrl-C would (or `kill -INT`).
  enum Interrupt: Sendable {
    /// After a fixed delay from the start.
    case after(Duration)
    /// As soon as standard output contains the text: robust on a loaded machine, because the
    /// program has certainly started (and installed its handlers) by then.
    case whenStandardOutputContains(String)
  }

  /// Runs the program to its end and returns what it printed and how it ended.
  func run() async throws -> ProcessResult {
    try await run(interrupt: nil)
  }

  /// Runs the program, sends it SIGINT when `interrupt` says, and returns what it printed and how
  /// it ended. ``ProcessResult/sentInterrupt`` tells whether the signal was sent before it ended.
  func run(interrupting interrupt: Interrupt) async throws -> ProcessResult {
    try await run(interrupt: interrupt)
  }

  private func run(interrupt: Interrupt?) async throws -> ProcessResult {
    Self.ignoreBrokenPipes
    let capture = OutputCapture()
    return try await withThrowingTaskGroup(of: ProcessResult?.self) { group in
      group.addTask { try await self.runToEnd(interrupt: interrupt, capture: capture) }
      group.addTask {
        try await Task.sleep(for: self.timeout)
        return nil
      }
      // Whichever finishes first decides; cancelling the run makes swift-subprocess kill the child.
      let first = try await group.next()!
      group.cancelAll()
      guard let result = first else {
        throw ProcessTimeoutError(
          command: commandLine,
          timeout: timeout,
          standardOutput: capture.standardOutput,
          standardError: capture.standardError
        )
      }
      return result
    }
  }

  private func runToEnd(interrupt: Interrupt?, capture: OutputCapture) async throws -> ProcessResult {
    var subprocessEnvironment: [Subprocess.Environment.Key: String?] = [:]
    for (name, value) in ChildEnvironment.changes(environment) {
      guard let key = Subprocess.Environment.Key(rawValue: name) else { continue }
      subprocessEnvironment[key] = value
    }
    let outcome = try await Subprocess.run(
      .path(FilePath(executable.path)),
      arguments: Arguments(arguments),
      environment: .inherit.updating(subprocessEnvironment),
      workingDirectory: workingDirectory.map { FilePath($0.path) },
      // Written by hand below rather than as `.array(standardInput)`: swift-subprocess 1.0.2 traps
      // ("FileDescriptor was not closed") when a child exits before reading all of an `.array`
      // input (swiftlang/swift-subprocess#367), and gatherlab tests feed input to programs that
      // may well exit first.
      input: .inputWriter,
      output: .sequence,
      error: .sequence
    ) { execution in
      try await withThrowingTaskGroup(of: RunPart.self) { group in
        group.addTask {
          let writer = execution.standardInputWriter
          if !standardInput.isEmpty {
            _ = try? await writer.write(standardInput)
          }
          // Closing our end is what gives the program end of file, and it must happen even when
          // the write failed because the program had already gone.
          try? await writer.finish()
          return .standardInputClosed
        }
        group.addTask {
          for try await buffer in execution.standardError {
            buffer.withUnsafeBytes { capture.appendError($0) }
          }
          return .standardErrorEnded
        }
        if case .after(let delay) = interrupt {
          group.addTask {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled {
              capture.sendInterruptOnce { (try? execution.send(signal: .interrupt)) != nil }
            }
            return .interruptTimerEnded
          }
        }
        for try await buffer in execution.standardOutput {
          buffer.withUnsafeBytes { capture.appendOutput($0) }
          if case .whenStandardOutputContains(let marker) = interrupt, capture.standardOutput.contains(marker) {
            capture.sendInterruptOnce { (try? execution.send(signal: .interrupt)) != nil }
          }
        }
        // Once both outputs have ended the program is exiting, and a pending interrupt is moot.
        while let ended = try await group.next() {
          if ended == .standardErrorEnded {
            group.cancelAll()
          }
        }
      }
    }
    return ProcessResult(
      status: ExitStatus(outcome.terminationStatus),
      standardOutput: capture.standardOutput,
      standardError: capture.standardError,
      sentInterrupt: capture.sentInterrupt
    )
  }

  /// The command as a shell would show it, for messages.
  var commandLine: String {
    shellQuoted([executable.lastPathComponent] + arguments)
  }

  /// A program that exits without reading all of its input would otherwise kill the whole test
  /// process with SIGPIPE when the rest is written; children get default handlers back.
  private static let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
  }()
}

/// What a piped run printed and how it ended.
struct ProcessResult: Sendable {
  var status: ExitStatus
  var standardOutput: String
  var standardError: String
  /// Whether SIGINT was sent (see ``GatherlabProcess/run(interrupting:)``).
  var sentInterrupt: Bool
}

/// A piped run did not end in time; it was killed.
struct ProcessTimeoutError: Error, CustomStringConvertible {
  var command: String
  var timeout: Duration
  var standardOutput: String
  var standardError: String

  var description: String {
    """
    `\(command)` did not exit within \(timeout) and was killed.
    Its standard output so far (last 2000 characters, escapes shown):
    \(revealingEscapes(String(standardOutput.suffix(2000))))
    Its standard error so far:
    \(revealingEscapes(String(standardError.suffix(2000))))
    """
  }
}

private enum RunPart: Sendable {
  case standardInputClosed
  case standardErrorEnded
  case interruptTimerEnded
}

/// What the program has printed so far, kept where a timeout can still report it.
private final class OutputCapture: Sendable {
  private struct State {
    var standardOutput: [UInt8] = []
    var standardError: [UInt8] = []
    var sentInterrupt = false
  }

  private let state = Mutex(State())

  var standardOutput: String { state.withLock { String(decoding: $0.standardOutput, as: UTF8.self) } }
  var standardError: String { state.withLock { String(decoding: $0.standardError, as: UTF8.self) } }
  var sentInterrupt: Bool { state.withLock { $0.sentInterrupt } }

  func appendOutput(_ bytes: UnsafeRawBufferPointer) {
    state.withLock { $0.standardOutput.append(contentsOf: bytes) }
  }

  func appendError(_ bytes: UnsafeRawBufferPointer) {
    state.withLock { $0.standardError.append(contentsOf: bytes) }
  }

  /// Calls `send` unless it has already succeeded; it returns whether the signal was delivered.
  func sendInterruptOnce(_ send: () -> Bool) {
    state.withLock { state in
      if !state.sentInterrupt {
        state.sentInterrupt = send()
      }
    }
  }
}

extension ExitStatus {
  init(_ status: TerminationStatus) {
    switch status {
    case .exited(let code):
      self = .exited(code)
    case .signaled(let signal):
      self = .signaled(signal)
    }
  }
}
