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
#endif

/// A learner's program run under python3 with the tracer installed before its code. The tracer's
/// lines travel on a FIFO in a private temporary directory named in the child's environment
/// (swift-subprocess closes inherited descriptors above 2, and the program's stdout is its own).
///
/// The program runs in its own process group, so stopping it (cancelling the calling task) kills
/// everything it started; when stdin is a terminal it stays in the terminal's group instead (a
/// background group reading the terminal would be stopped), and a Ctrl-C ends it quietly.
public struct TracedProgram: Sendable {
  public let interpreter: PythonInterpreter
  public let path: String
  public let arguments: [String]
  /// Pass gatherlab's stdin to the program (the command line does; the walkthrough does not).
  public var passesStandardInput = true
  /// The clock the program's event loops read (DESIGN §13).
  public var pythonClock: PythonClock = .real

  public static let tracerName = "_gatherlab_trace"

  public init(interpreter: PythonInterpreter, path: String, arguments: [String]) {
    self.interpreter = interpreter
    self.path = path
    self.arguments = arguments
  }

  /// What reached gatherlab while the program ran, in order.
  public enum Message: Sendable, Equatable {
    /// A tracer line: its text as written, and read.
    case trace(String, TraceLine)
    /// A line the program wrote straight to its stdout descriptor, timed on arrival.
    case output(time: Double, text: String)
  }

  public struct Outcome: Sendable, Equatable {
    /// The program's exit status (128 + N for signal N).
    public var status: Int32
    public var standardError: String
  }

  /// Runs the program, handing the messages to `receive` as they arrive, in order, a batch at a
  /// time (the tracer writes in batches; thousands of tasks make tens of thousands of lines).
  /// `clock` times the program's output lines from its start.
  public func run<C: Clock>(
    _ receive: @escaping @Sendable ([Message]) -> Void, clock: C = ContinuousClock()
  ) async throws(TraceError) -> Outcome where C.Duration == Duration {
    guard let tracer = EmbeddedFiles.demoPython.first(where: { $0.name == Self.tracerName + ".py" })?.text else {
      throw .couldNotStart("the tracer is missing from this build")
    }
    guard FileManager.default.isReadableFile(atPath: path) else { throw .unreadable(path) }
    var template = Array((NSTemporaryDirectory() + "/gatherlab-trace-XXXXXX").utf8CString)
    guard let directory = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
      throw .couldNotStart("no private temporary directory")
    }
    let fifo = directory + "/events"
    defer {
      unlink(fifo)
      rmdir(directory)
    }
    guard mkfifo(fifo, 0o600) == 0 else { throw .couldNotStart("no FIFO in \(directory)") }

    let start = clock.now
    let elapsed: @Sendable () -> Duration = { start.duration(to: clock.now) }
    let gate = OutputGate()
    let reader = FIFOReader(path: fifo, gate: gate, receive: receive)
    reader.start()

    // Without stdin passed on (exercise checks), the program always gets its own group.
    let terminalInput = passesStandardInput && isatty(0) == 1
    var options = PlatformOptions()
    if !terminalInput { options.processGroupID = 0 }
    let arguments = PythonProgram.file(path: path).arguments(modules: pythonClock.modules + [(Self.tracerName, tracer)], arguments: self.arguments)
    let environment = Environment.inherit.updating([
      "GATHERLAB_TRACE_FIFO": fifo, "PYTHONDONTWRITEBYTECODE": "1",
      "GATHERLAB_CLOCK": pythonClock.environment["GATHERLAB_CLOCK"], "GATHERLAB_SEED": pythonClock.environment["GATHERLAB_SEED"],
    ])
    let ownGroup = !terminalInput
    let outcome: Outcome
    do {
      let input: FileDescriptorInput? = passesStandardInput ? .fileDescriptor(.standardInput, closeAfterSpawningProcess: false) : nil
      let result: ExecutionResult<String, SequenceOutput, SequenceOutput>
      if let input {
        result = try await Subprocess.run(
          .path(FilePath(interpreter.executable)), arguments: Arguments(arguments), environment: environment,
          platformOptions: options, input: input, output: .sequence, error: .sequence
        ) { execution in try await Self.drive(execution, elapsed: elapsed, ownGroup: ownGroup, gate: gate, receive: receive) }
      } else {
        result = try await Subprocess.run(
          .path(FilePath(interpreter.executable)), arguments: Arguments(arguments), environment: environment,
          platformOptions: options, input: .none, output: .sequence, error: .sequence
        ) { execution in try await Self.drive(execution, elapsed: elapsed, ownGroup: ownGroup, gate: gate, receive: receive) }
      }
      reader.finish(fifo: fifo)
      let status: Int32 =
        switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
      outcome = Outcome(status: status, standardError: result.closureResult)
    } catch {
      reader.finish(fifo: fifo)
      if Task.isCancelled { return Outcome(status: 130, standardError: "") }
      if let why = await interpreter.diagnose(status: nil, standardError: "") { throw .python(why) }
      throw .couldNotStart(String(describing: error))
    }
    if !Task.isCancelled, let held = gate.heldIfNeverOpened() {
      // The tracer never wrote its first line: the interpreter may not be a Python 3.11+.
      if let why = await interpreter.diagnose(status: outcome.status, standardError: outcome.standardError) { throw .python(why) }
      if !held.isEmpty { receive(held) }
    }
    return outcome
  }

  /// Reads the program's stdout and stderr until it ends; cancelling kills it (and its group).
  private static func drive<I: InputProtocol>(
    _ execution: Execution<I, SequenceOutput, SequenceOutput>,
    elapsed: @escaping @Sendable () -> Duration,
    ownGroup: Bool,
    gate: OutputGate,
    receive: @escaping @Sendable ([Message]) -> Void
  ) async throws -> String {
    let pid = execution.processIdentifier.value
    return try await withTaskCancellationHandler {
      try await withThrowingTaskGroup(of: String.self) { group in
        group.addTask {
          var text = ""
          for try await line in execution.standardError.strings(separatedBy: .unicodeScalarSequence(["\n"]))
          where text.utf8.count < 256 * 1024 {
            text += line + "\n"
          }
          return text
        }
        for try await line in execution.standardOutput.strings(separatedBy: .unicodeScalarSequence(["\n"])) {
          let since = elapsed()
          let message = Message.output(time: Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18, text: line)
          if gate.passes(message) { receive([message]) }
        }
        var text = ""
        while let next = try await group.next() { text += next }
        return text
      }
    } onCancel: {
      kill(ownGroup ? -pid : pid, SIGKILL)
    }
  }
}

/// Reads the tracer's FIFO on a thread of its own (opening a FIFO blocks until the writer opens
/// it), line by line.
final class FIFOReader: Sendable {
  let path: String
  let gate: OutputGate
  let receive: @Sendable ([TracedProgram.Message]) -> Void
  private let ended = DispatchSemaphore(value: 0)

  init(path: String, gate: OutputGate, receive: @escaping @Sendable ([TracedProgram.Message]) -> Void) {
    self.path = path
    self.gate = gate
    self.receive = receive
  }

  func start() {
    let thread = Thread { [self] in
      // Foundation's threads start with every signal unblocked; a Ctrl-C delivered here would
      // never reach the signalfd that `InterruptSignal` reads, for the rest of the process.
      var interrupt = sigset_t()
      sigemptyset(&interrupt)
      sigaddset(&interrupt, SIGINT)
      pthread_sigmask(SIG_BLOCK, &interrupt, nil)
      defer { ended.signal() }
      let descriptor = open(path, O_RDONLY)
      guard descriptor >= 0 else { return }
      defer { close(descriptor) }
      var pending = [UInt8]()
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        pending.append(contentsOf: buffer[..<count])
        var lineStart = 0
        var batch: [TracedProgram.Message] = []
        while let newline = pending[lineStart...].firstIndex(of: 10) {
          let bytes = pending[lineStart..<newline]
          if let line = TraceLineScanner.line(bytes) {
            batch.append(.trace(String(decoding: bytes, as: UTF8.self), line))
          }
          lineStart = newline + 1
        }
        pending.removeFirst(lineStart)
        if !batch.isEmpty {
          gate.open(receive)
          receive(batch)
        }
      }
    }
    thread.start()
  }

  /// Waits until the reader has read everything. If the program ended without opening the FIFO,
  /// opening it for writing here lets the reader's open return (and read end of file).
  func finish(fifo: String) {
    while ended.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
      let descriptor = open(fifo, O_WRONLY | O_NONBLOCK)
      if descriptor >= 0 { close(descriptor) }
    }
  }
}

/// Holds the program's stdout lines until the tracer's first line arrives: before it, the
/// interpreter has not shown it is a Python 3.11+ (a binary that is not Python may print
/// anything), and a traced program's own lines cannot come before the tracer is installed.
final class OutputGate: Sendable {
  private struct State {
    var opened = false
    var held: [TracedProgram.Message] = []
  }
  private let state = Mutex(State())

  /// True: hand `message` on now; false: it is held.
  func passes(_ message: TracedProgram.Message) -> Bool {
    state.withLock { state in
      if state.opened { return true }
      state.held.append(message)
      return false
    }
  }

  /// The tracer has spoken: hands the held lines on (under the lock, so none overtakes them).
  func open(_ receive: @Sendable ([TracedProgram.Message]) -> Void) {
    state.withLock { state in
      guard !state.opened else { return }
      state.opened = true
      if !state.held.isEmpty { receive(state.held) }
      state.held = []
    }
  }

  /// The held lines, if the tracer never spoke; nil if it did.
  func heldIfNeverOpened() -> [TracedProgram.Message]? {
    state.withLock { $0.opened ? nil : $0.held }
  }
}

/// Why a program could not be traced.
public enum TraceError: Error, Equatable, CustomStringConvertible {
  case unreadable(String)
  case couldNotStart(String)
  /// The interpreter is missing, is not Python or is too old (trace exits 69).
  case python(PythonNotFoundError)

  public var description: String {
    switch self {
    case .unreadable(let path): "Cannot read '\(path)'."
    case .couldNotStart(let why): "Could not start the traced program: \(why)."
    case .python(let why): why.description
    }
  }
}
