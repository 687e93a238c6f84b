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

/// A learner's program run under python3 with the tracer installed before its code: `python3 FILE`
/// itself, the tracer installed by site from a `PythonSiteDirectory` (through `PythonProgram`'s
/// bootstrap when the cache cannot be written). The tracer's
/// lines travel on a FIFO in a private temporary directory named in the child's environment
/// (swift-subprocess closes inherited descriptors above 2). The program keeps its own stdout and
/// stderr: two pipes gatherlab reads as byte chunks, time-stamped on arrival, so whatever writes
/// to them (print, `sys.stdout.buffer`, `os.write`, child processes, a process pool's workers)
/// arrives whole and in the order written. On virtual time the tracer also frames each write of the
/// program's own and marks it on the FIFO (`MarkedOutput`): the output is timed on the loop's clock
/// and placed among the tracer's lines the same way every run.
///
/// The program runs in its own process group, so stopping it (cancelling the calling task) reaches
/// everything it started; when stdin is a terminal it stays in the terminal's group instead (a
/// background group reading the terminal would be stopped). Cancelling delivers a Ctrl-C as a
/// terminal would (the terminal already did, when the program is in its group), so the program's
/// own `except KeyboardInterrupt`/`finally` runs; one second later whatever is left is killed.
public struct TracedProgram: Sendable {
  public let interpreter: PythonInterpreter
  public let path: String
  public let arguments: [String]
  /// Pass gatherlab's stdin to the program (the command line does; the walkthrough does not).
  public var passesStandardInput = true
  /// The program's stdout flushes at each newline, as it would at a terminal (set when the trace is
  /// drawn live on one); otherwise it is block-buffered, as `python3 FILE | cat` has it.
  public var lineBuffered = false
  /// Cancelling the run is a Ctrl-C the program may handle (true: `trace`), or a kill of its
  /// process group at once (false: a check stopping a program that hangs).
  public var interruptsWhenCancelled = true
  /// The clock the program's event loops read (DESIGN §13).
  public var pythonClock: PythonClock = .real
  /// More variables for the program's environment (an exercise check's `GATHERLAB_VIRTUAL_LIMIT`).
  public var environment: [String: String] = [:]
  /// Each tracer line's message holds the line's own text (`trace --json` and `--record` write
  /// it). Without, the text is empty: a busy program sends tens of thousands of lines, and
  /// making a String of each was a cost that nothing else reads.
  public var keepsTraceText = true

  public static let tracerName = "_gatherlab_trace"

  /// What the site directory holds: the tracer and the clock module (one directory for both
  /// clocks; the tracer imports the clock module on virtual time).
  static func siteModules(tracer: String) -> [(name: String, text: String)] {
    PythonClock.virtual(seed: 0).modules + [(tracerName, tracer)]
  }

  public init(interpreter: PythonInterpreter, path: String, arguments: [String]) {
    self.interpreter = interpreter
    self.path = path
    self.arguments = arguments
  }

  /// What reached gatherlab while the program ran, in order of arrival on each channel.
  public enum Message: Sendable, Equatable {
    /// A tracer line: its text as written, and read.
    indirect case trace(String, TraceLine)
    /// Bytes the program wrote to its stdout, as they arrived (partial lines included), timed on
    /// the trace's clock (seconds since the tracer's header).
    case output(time: Double, text: String)
    /// Bytes the program wrote to its stderr, likewise.
    case errorOutput(time: Double, text: String)
  }

  public struct Outcome: Sendable, Equatable {
    /// The program's exit status (128 + N for signal N).
    public var status: Int32
    /// Everything the program wrote to stderr.
    public var standardError: String
  }

  /// How long a program has, after the Ctrl-C, to end on its own before it is killed.
  public var interruptGrace: Duration = .seconds(1)

  /// Runs the program, handing the messages to `receive` as they arrive, a batch at a time (the
  /// tracer writes in batches; thousands of tasks make tens of thousands of lines). `clock` times
  /// the program's output from its start.
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
    guard let standardOutput = Pipe.make(), let standardError = Pipe.make() else {
      throw .couldNotStart("no pipe for the program's output")
    }

    let start = clock.now
    let elapsed: @Sendable () -> Double = {
      let since = start.duration(to: clock.now)
      return Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18
    }
    // On virtual time the output's instants come from the tracer's write lines, already on the
    // trace's clock; on real time, from its arrival, moved onto the trace's clock by the gate.
    let gate = OutputGate(shiftsTimes: !pythonClock.isVirtual)
    let token = String(UInt64.random(in: 1 << 60...UInt64.max), radix: 16)  // 16 hex digits
    let marks = pythonClock.isVirtual ? MarkedOutput(gate: gate, receive: receive) : nil
    // On real time the output, timed on arrival, waits for the tracer's lines of its instant.
    let ordered = pythonClock.isVirtual ? nil : OrderedOutput(receive: receive)
    let reader = FIFOReader(
      path: fifo, elapsed: elapsed, gate: gate, marks: marks, ordered: ordered, keepsText: keepsTraceText, receive: receive
    )
    reader.start()
    let outputReceive: @Sendable ([Message]) -> Void
    if let ordered {
      outputReceive = { messages in ordered.output(messages, now: elapsed()) }
    } else {
      outputReceive = receive
    }
    let tick: @Sendable () -> Void = {
      let now = elapsed()
      marks?.due(now: now)
      ordered?.due(now: now)
    }
    let outputReader = OutputReader(
      descriptor: standardOutput.read, elapsed: elapsed, gate: gate, marks: marks.map { ($0, .output, token) }, receive: outputReceive,
      tick: tick
    ) { time, text in
      .output(time: time, text: text)
    }
    let errorReader = OutputReader(
      descriptor: standardError.read, elapsed: elapsed, gate: gate, marks: marks.map { ($0, .error, token) }, receive: outputReceive,
      tick: tick
    ) { time, text in
      .errorOutput(time: time, text: text)
    }
    outputReader.start()
    errorReader.start()

    // Without stdin passed on (exercise checks), the program always gets its own group.
    let terminalInput = passesStandardInput && isatty(0) == 1
    let ownGroup = !terminalInput
    var options = PlatformOptions()
    if ownGroup { options.processGroupID = 0 }
    // The Ctrl-C a terminal would deliver (it did already, to a program in the terminal's group:
    // SIGCONT there only waits), then SIGKILL for whatever is left.
    options.teardownSequence =
      interruptsWhenCancelled
      ? [.send(signal: ownGroup ? .interrupt : .resume, toProcessGroup: ownGroup, allowedDurationToNextStep: interruptGrace)]
      : [.send(signal: .kill, toProcessGroup: ownGroup, allowedDurationToNextStep: .zero)]
    let inherited = ProcessInfo.processInfo.environment.merging(self.environment) { $1 }
    let cache = PythonProgram.cacheDirectory(environment: inherited)
    let modules = pythonClock.modules + [(Self.tracerName, tracer)]
    var variables: [Environment.Key: String?] = [
      "GATHERLAB_TRACE_FIFO": fifo,
      "GATHERLAB_CLOCK": pythonClock.environment["GATHERLAB_CLOCK"], "GATHERLAB_SEED": pythonClock.environment["GATHERLAB_SEED"],
    ]
    if lineBuffered { variables["GATHERLAB_TRACE_LINE_BUFFERED"] = "1" }
    if marks != nil { variables["GATHERLAB_TRACE_OUTPUT_TOKEN"] = token }
    for (name, value) in self.environment { variables[Environment.Key(stringLiteral: name)] = value }
    let arguments: [String]
    // `python3 FILE` itself, the tracer installed by site from the cache (a file whose name
    // python3 would take for an option goes through the bootstrap).
    if !path.hasPrefix("-"), let cache, let site = PythonSiteDirectory.prepare(cache: cache, modules: Self.siteModules(tracer: tracer)) {
      arguments = [path] + self.arguments
      for (name, value) in site.environment(inheriting: inherited) { variables[Environment.Key(stringLiteral: name)] = value }
    } else {
      arguments = PythonProgram.file(path: path).arguments(modules: modules, arguments: self.arguments, cache: cache)
    }
    let environment = Environment.inherit.updating(variables)
    let output = FileDescriptorOutput.fileDescriptor(FileDescriptor(rawValue: standardOutput.write), closeAfterSpawningProcess: true)
    let error = FileDescriptorOutput.fileDescriptor(FileDescriptor(rawValue: standardError.write), closeAfterSpawningProcess: true)
    var status: Int32
    do {
      let result: ExecutionResult<Void, FileDescriptorOutput, FileDescriptorOutput>
      if passesStandardInput {
        result = try await Subprocess.run(
          .path(FilePath(interpreter.executable)), arguments: Arguments(arguments), environment: environment,
          platformOptions: options, input: .fileDescriptor(.standardInput, closeAfterSpawningProcess: false), output: output, error: error
        )
      } else {
        result = try await Subprocess.run(
          .path(FilePath(interpreter.executable)), arguments: Arguments(arguments), environment: environment,
          platformOptions: options, input: .none, output: output, error: error
        )
      }
      status =
        switch result.terminationStatus {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    } catch {
      close(standardOutput.write)
      close(standardError.write)
      guard Task.isCancelled else {
        outputReader.stop()
        errorReader.stop()
        reader.finish(fifo: fifo)
        if let why = await interpreter.diagnose(status: nil, standardError: "") { throw .python(why) }
        throw .couldNotStart(String(describing: error))
      }
      status = 130
    }
    // After a Ctrl-C, a child the program left behind may hold its output open: the rest of what
    // it wrote has a moment to arrive.
    let interrupted = Task.isCancelled
    outputReader.finish(within: interrupted ? .milliseconds(300) : nil)
    errorReader.finish(within: interrupted ? .milliseconds(300) : nil)
    reader.finish(fifo: fifo)
    marks?.finish()
    ordered?.finish()
    let outcome = Outcome(status: status, standardError: marks?.text(.error) ?? errorReader.text)
    if !interrupted, let held = gate.heldIfNeverOpened() {
      // The tracer never wrote its first line: the interpreter may not be a Python 3.11+.
      if let why = await interpreter.diagnose(status: outcome.status, standardError: outcome.standardError) { throw .python(why) }
      if !held.isEmpty { receive(held) }
    }
    return outcome
  }
}

/// A pipe whose ends are closed on exec (the program gets the write end through swift-subprocess).
struct Pipe {
  var read: Int32
  var write: Int32

  static func make() -> Pipe? {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return nil }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return Pipe(read: ends[0], write: ends[1])
  }
}

/// Reads one of the program's output pipes on a thread of its own, chunk by chunk as it arrives,
/// until end of file (every writer, the program's children included, has closed it) or `stop`.
/// A chunk ending inside a UTF-8 character keeps that character's first bytes for the next one.
final class OutputReader: Sendable {
  let descriptor: Int32
  let elapsed: @Sendable () -> Double
  let gate: OutputGate
  let make: @Sendable (Double, String) -> TracedProgram.Message
  let receive: @Sendable ([TracedProgram.Message]) -> Void
  /// Called after each wait for bytes (at least every 50 ms): what waits on a clock goes on.
  let tick: @Sendable () -> Void
  /// On virtual time: where the bytes go, as which stream, cut at the frames of which token.
  let marks: (output: MarkedOutput, stream: MarkedOutput.Stream, token: String)?
  private let stopped = Atomic(false)
  private let ended = DispatchSemaphore(value: 0)
  private let collected = Mutex("")

  /// Everything read so far.
  var text: String { collected.withLock { $0 } }

  init(
    descriptor: Int32, elapsed: @escaping @Sendable () -> Double, gate: OutputGate,
    marks: (output: MarkedOutput, stream: MarkedOutput.Stream, token: String)? = nil,
    receive: @escaping @Sendable ([TracedProgram.Message]) -> Void, tick: @escaping @Sendable () -> Void = {},
    make: @escaping @Sendable (Double, String) -> TracedProgram.Message
  ) {
    self.descriptor = descriptor
    self.elapsed = elapsed
    self.gate = gate
    self.make = make
    self.receive = receive
    self.tick = tick
    self.marks = marks
  }

  func start() {
    let thread = Thread { [self] in
      blockInterrupts()
      var scanner = marks.map { OutputFrameScanner(token: $0.token) }
      defer {
        if let marks, var scanner {
          marks.output.arrived(scanner.end(), on: marks.stream)
          marks.output.ended(marks.stream)
        }
        close(descriptor)
        ended.signal()
      }
      var buffer = [UInt8](repeating: 0, count: 64 * 1024)
      var pending: [UInt8] = []
      while !stopped.load(ordering: .relaxed) {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, 50)
        tick()
        if ready < 0, errno == EINTR { continue }
        guard ready > 0 else { continue }
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR || errno == EAGAIN { continue }
        guard count > 0 else { break }
        if let marks, let segments = scanner?.feed(buffer[..<count]) {
          marks.output.arrived(segments, on: marks.stream)
          continue
        }
        let time = elapsed()
        pending.append(contentsOf: buffer[..<count])
        let whole = UTF8Boundary.wholeCharacters(in: pending)
        guard whole > 0 else { continue }
        let text = String(decoding: pending[..<whole], as: UTF8.self)
        pending.removeFirst(whole)
        collected.withLock { $0 += text }
        if let message = gate.passes(make(time, text)) { receive([message]) }
      }
      if !pending.isEmpty {
        let text = String(decoding: pending, as: UTF8.self)
        collected.withLock { $0 += text }
        if let message = gate.passes(make(elapsed(), text)) { receive([message]) }
      }
    }
    thread.start()
  }

  /// Stops reading (whatever is still unread stays unread).
  func stop() {
    stopped.store(true, ordering: .relaxed)
    ended.wait()
  }

  /// Waits for the end of the output; after `limit`, stops reading.
  func finish(within limit: Duration?) {
    guard let limit else { return ended.wait() }
    let milliseconds = Int(limit.components.seconds * 1000 + limit.components.attoseconds / 1_000_000_000_000_000)
    if ended.wait(timeout: .now() + .milliseconds(milliseconds)) == .timedOut { stop() }
  }
}

/// Where UTF-8 text may be cut: after the last whole character.
enum UTF8Boundary {
  /// The number of leading bytes of `bytes` that end on a character boundary (all of them unless
  /// the last one to three bytes start a character that is not complete yet).
  static func wholeCharacters(in bytes: [UInt8]) -> Int {
    let count = bytes.count
    var back = 0
    while back < min(3, count) {
      let byte = bytes[count - 1 - back]
      if byte & 0xC0 != 0x80 {
        // A lead byte (or ASCII): how long is its character?
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
        return back + 1 >= length ? count : count - back - 1
      }
      back += 1
    }
    return count
  }
}

/// Foundation's threads start with every signal unblocked; a Ctrl-C delivered to one would never
/// reach the signalfd that `InterruptSignal` reads, for the rest of the process.
func blockInterrupts() {
  var interrupt = sigset_t()
  sigemptyset(&interrupt)
  sigaddset(&interrupt, SIGINT)
  pthread_sigmask(SIG_BLOCK, &interrupt, nil)
}

/// Reads the tracer's FIFO on a thread of its own (opening a FIFO blocks until the writer opens
/// it), line by line.
final class FIFOReader: Sendable {
  let path: String
  let elapsed: @Sendable () -> Double
  let gate: OutputGate
  /// On virtual time: puts the program's output in the place of the tracer's write lines.
  let marks: MarkedOutput?
  /// On real time: puts the program's output among the tracer's lines by time.
  let ordered: OrderedOutput?
  /// Whether a message holds its line's text (`TracedProgram.keepsTraceText`).
  let keepsText: Bool
  let receive: @Sendable ([TracedProgram.Message]) -> Void
  private let ended = DispatchSemaphore(value: 0)

  init(
    path: String, elapsed: @escaping @Sendable () -> Double, gate: OutputGate, marks: MarkedOutput? = nil,
    ordered: OrderedOutput? = nil, keepsText: Bool = true, receive: @escaping @Sendable ([TracedProgram.Message]) -> Void
  ) {
    self.path = path
    self.elapsed = elapsed
    self.gate = gate
    self.marks = marks
    self.ordered = ordered
    self.keepsText = keepsText
    self.receive = receive
  }

  func start() {
    let thread = Thread { [self] in
      blockInterrupts()
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
        let arrived = elapsed()
        // (The bytes before `searched` hold no newline: a long line is not searched again.)
        let searched = pending.count
        pending.append(contentsOf: buffer[..<count])
        var lineStart = 0
        var batch: [OutputPairing.Traced] = []  // on virtual time
        var lines: [TracedProgram.Message] = []  // on real time
        var flushed: Double?
        while let newline = pending[max(lineStart, searched)...].firstIndex(of: 10) {
          let bytes = pending[lineStart..<newline]
          lineStart = newline + 1
          // A program printing unbuffered makes a write line per write: read without the scanner.
          if marks != nil, OutputPairing.WriteMark.isWrite(bytes), let write = OutputPairing.WriteMark(bytes) {
            batch.append(.write(write))
          } else if let line = TraceLineScanner.line(bytes) {
            // The end of a flush: how far the tracer's stream has come (for gatherlab only).
            if line.type == "flushed" {
              flushed = line.t ?? flushed
            } else {
              let message = TracedProgram.Message.trace(keepsText ? String(decoding: bytes, as: UTF8.self) : "", consume line)
              if marks != nil { batch.append(.line(message)) } else { lines.append(message) }
            }
          }
        }
        pending.removeFirst(lineStart)
        if let marks {
          if !batch.isEmpty { marks.traced(batch, arrived: arrived) }
        } else if !lines.isEmpty || flushed != nil {
          // The tracer's header sets the trace's clock: its 0 is the moment it arrived.
          if let ordered {
            gate.open(at: arrived) { ordered.output($0, now: arrived) }
            ordered.traced(lines, flushed: flushed, now: arrived)
          } else {
            gate.open(at: arrived, receive)
            if !lines.isEmpty { receive(lines) }
          }
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

/// Holds the program's output until the tracer's first line arrives: before it, the interpreter
/// has not shown it is a Python 3.11+ (a binary that is not Python may print anything), and a
/// traced program's own output cannot come before the tracer is installed. It also moves the
/// output's arrival times onto the trace's clock, whose 0 is the header's arrival.
final class OutputGate: Sendable {
  private struct State {
    var origin: Double?
    var held: [TracedProgram.Message] = []
  }
  private let state = Mutex(State())
  /// Whether the output's times are arrivals to move onto the trace's clock (real time), or are on
  /// it already (virtual time: the tracer's write lines time them).
  let shiftsTimes: Bool

  init(shiftsTimes: Bool = true) {
    self.shiftsTimes = shiftsTimes
  }

  /// `message` timed on the trace's clock, to hand on now; nil when it is held.
  func passes(_ message: TracedProgram.Message) -> TracedProgram.Message? {
    state.withLock { state in
      guard let origin = state.origin else {
        state.held.append(message)
        return nil
      }
      return shiftsTimes ? Self.shifted(message, by: origin) : message
    }
  }

  static func arrival(_ message: TracedProgram.Message) -> Double? {
    switch message {
    case .trace: nil
    case .output(let time, _), .errorOutput(let time, _): time
    }
  }

  static func shifted(_ message: TracedProgram.Message, by origin: Double) -> TracedProgram.Message {
    switch message {
    case .trace: message
    case .output(let time, let text): .output(time: max(0, time - origin), text: text)
    case .errorOutput(let time, let text): .errorOutput(time: max(0, time - origin), text: text)
    }
  }

  /// The tracer has spoken (its header arrived at `origin`): hands the held output on (under the
  /// lock, so none overtakes it).
  func open(at origin: Double, _ receive: @Sendable ([TracedProgram.Message]) -> Void) {
    state.withLock { state in
      guard state.origin == nil else { return }
      // The tracer wrote its header before the program wrote anything: output that arrived
      // first shows the header's reader was late, and the clock starts no later than that.
      let origin = min(origin, state.held.lazy.compactMap(Self.arrival).min() ?? origin)
      state.origin = origin
      if !state.held.isEmpty { receive(shiftsTimes ? state.held.map { Self.shifted($0, by: origin) } : state.held) }
      state.held = []
    }
  }

  /// The held output, if the tracer never spoke; nil if it did.
  func heldIfNeverOpened() -> [TracedProgram.Message]? {
    state.withLock { $0.origin == nil ? $0.held : nil }
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
