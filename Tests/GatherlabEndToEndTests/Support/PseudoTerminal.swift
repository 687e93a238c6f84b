import CPseudoTerminal
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A program running in a pseudo-terminal, driven as a person at a terminal would drive it.
///
/// The program is the leader of a new session whose controlling terminal is the pseudo-terminal,
/// so the kernel's line discipline does what it does for a person: `"\u{03}"` (Ctrl-C) sends
/// SIGINT to the foreground process group, `"\u{04}"` (Ctrl-D) ends a line of input, typed text is
/// echoed, `"\n"` leaves as `"\r\n"`, and ``resize(rows:columns:)`` sends SIGWINCH.
///
/// ```swift
/// let terminal = try PseudoTerminal.gatherlab([], environment: ["GATHERLAB_HOME": home.path], rows: 24, columns: 80)
/// defer { terminal.close() }
/// try await terminal.waitFor("gatherlab> ")
/// let mark = terminal.mark()
/// try terminal.write("run ordering\r")
/// try await terminal.waitFor("gatherlab> ", after: mark)
/// #expect(terminal.screen.lines.contains("All tasks finished."))
/// try terminal.resize(rows: 30, columns: 60)
/// try terminal.write("\u{03}")
/// #expect(try await terminal.waitForExit() == .exited(130))
/// ```
///
/// The environment is the test process's own without the variables that change formatting (see
/// ``ChildEnvironment``), with `TERM=xterm-256color` and then `environment` applied on top.
///
/// ``close()`` kills the program (and its process group) and releases the terminal; it runs by
/// itself when the session is released, so a test that throws leaves nothing running.
final class PseudoTerminal: Sendable {
  /// A point in the output, to wait for text that appears after it.
  struct Mark: Sendable {
    fileprivate var byteOffset: Int
  }

  /// The program and its arguments, for messages.
  let command: String
  let processID: pid_t
  private let transcript: TerminalTranscript
  private let device: TerminalDevice

  init(
    executable: URL,
    arguments: [String] = [],
    environment: [String: String?] = [:],
    rows: Int = 24,
    columns: Int = 80,
    workingDirectory: URL? = nil
  ) throws {
    command = shellQuoted([executable.lastPathComponent] + arguments)
    var overrides: [String: String?] = ["TERM": "xterm-256color"]
    overrides.merge(environment) { _, new in new }
    let variables = ChildEnvironment.resolved(overrides).map { "\($0.key)=\($0.value)" }

    var controller: Int32 = -1
    var deviceCopy: Int32 = -1
    var path = [CChar](repeating: 0, count: 128)
    let rows = UInt16(clamping: max(1, rows))
    let columns = UInt16(clamping: max(1, columns))
    let openError = gatherlab_pty_open(&controller, &deviceCopy, &path, path.count, rows, columns)
    guard openError == 0 else {
      throw PseudoTerminalError.couldNotOpen(errno: openError)
    }
    let devicePath = String(decoding: path.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

    var processID: pid_t = 0
    let spawnError = withCStringArray([executable.path] + arguments) { argv in
      withCStringArray(variables) { envp in
        gatherlab_pty_spawn(&processID, executable.path, argv, envp, devicePath, workingDirectory?.path)
      }
    }
    guard spawnError == 0 else {
      closeDescriptor(controller)
      closeDescriptor(deviceCopy)
      throw PseudoTerminalError.couldNotStart(executable: executable.path, errno: spawnError)
    }

    self.processID = processID
    transcript = TerminalTranscript(rows: Int(rows), columns: Int(columns))
    device = TerminalDevice(controller: controller, deviceCopy: deviceCopy, child: processID)

    let (device, transcript, child) = (device, transcript, processID)
    Thread.detachNewThread {
      device.readUntilEnd(into: transcript)
    }
    Thread.detachNewThread {
      let waitError = gatherlab_pty_wait_for_termination(child)
      guard waitError == 0 else {
        transcript.recordWaitFailure(errno: waitError)
        return
      }
      switch device.reapChild() {
      case .success(let status):
        transcript.recordExit(status)
      case .failure(let error):
        transcript.recordWaitFailure(errno: error.code)
      }
    }
  }

  /// Runs the `gatherlab` built beside the tests (see ``GatherlabBinary``).
  static func gatherlab(
    _ arguments: [String] = [],
    environment: [String: String?] = [:],
    rows: Int = 24,
    columns: Int = 80,
    workingDirectory: URL? = nil
  ) throws -> PseudoTerminal {
    try PseudoTerminal(
      executable: try GatherlabBinary.url,
      arguments: arguments,
      environment: environment,
      rows: rows,
      columns: columns,
      workingDirectory: workingDirectory
    )
  }

  deinit {
    close()
  }

  // MARK: - What the program showed

  /// Everything the program has written to the terminal so far, escape sequences included.
  var output: String {
    String(decoding: transcript.snapshot.output, as: UTF8.self)
  }

  /// What a person would see now: the output replayed on a grid of the terminal's size.
  var screen: TerminalScreen {
    transcript.snapshot.screen
  }

  /// The terminal's current size.
  var size: (rows: Int, columns: Int) {
    let size = transcript.snapshot.sizes.last!
    return (size.rows, size.columns)
  }

  /// How the program ended, or nil while it runs.
  var exitStatus: ExitStatus? {
    transcript.snapshot.exit
  }

  /// The current end of the output; pass it to ``waitFor(_:after:timeout:)`` to wait for text
  /// that comes after it (a prompt shown again, say).
  func mark() -> Mark {
    Mark(byteOffset: transcript.snapshot.output.count)
  }

  // MARK: - Acting as the user

  /// Types `text`: control characters act as their keys do (`"\r"` Enter, `"\t"` Tab,
  /// `"\u{03}"` Ctrl-C, `"\u{04}"` Ctrl-D, `"\u{1B}[A"` Up).
  func write(_ text: String) throws {
    try device.write(Array(text.utf8), command: command)
  }

  /// Changes the terminal's size, as dragging the window would; the program gets SIGWINCH.
  func resize(rows: Int, columns: Int) throws {
    let rows = UInt16(clamping: max(1, rows))
    let columns = UInt16(clamping: max(1, columns))
    try device.setSize(rows: rows, columns: columns, command: command)
    transcript.recordResize(rows: Int(rows), columns: Int(columns))
  }

  /// Kills the program and its process group, unless it has ended, and closes the terminal.
  /// Calling it again does nothing.
  func close() {
    device.close()
  }

  // MARK: - Waiting

  /// Waits until the output after `mark` (from the start if nil) contains `text`, either as written
  /// or once escape sequences are removed, and returns the whole output so far.
  ///
  /// Throws ``PseudoTerminalError`` with the screen and the end of the output when `timeout` passes
  /// first, or as soon as the program has closed the terminal without showing it.
  @discardableResult
  func waitFor(_ text: String, after mark: Mark? = nil, timeout: Duration = .seconds(10)) async throws -> String {
    let start = mark?.byteOffset ?? 0
    return try await wait(for: "\"\(text)\"", timeout: timeout, failingWhenOutputEnds: true) { snapshot in
      let recent = String(decoding: snapshot.output[min(start, snapshot.output.count)...], as: UTF8.self)
      guard recent.contains(text) || stripANSI(recent).contains(text) else { return nil }
      return String(decoding: snapshot.output, as: UTF8.self)
    }
  }

  /// Waits until the screen satisfies `condition`, and returns that screen.
  ///
  /// ```swift
  /// let screen = try await terminal.waitForScreen("the finished timeline") { $0.text.contains("done") }
  /// ```
  @discardableResult
  func waitForScreen(
    _ expectation: String,
    timeout: Duration = .seconds(10),
    where condition: (TerminalScreen) -> Bool
  ) async throws -> TerminalScreen {
    try await wait(for: expectation, timeout: timeout, failingWhenOutputEnds: true) { snapshot in
      let screen = snapshot.screen
      return condition(screen) ? screen : nil
    }
  }

  /// Waits for the program to end and returns how it ended. Output it wrote just before exiting is
  /// in ``output`` by then (unless a process it started still holds the terminal).
  func waitForExit(timeout: Duration = .seconds(10)) async throws -> ExitStatus {
    let status = try await wait(for: "an exit", timeout: timeout, failingWhenOutputEnds: false) { snapshot in
      snapshot.exit
    }
    _ = try? await wait(for: "the end of output", timeout: .seconds(1), failingWhenOutputEnds: false) { snapshot in
      snapshot.outputEnded ? true : nil
    }
    return status
  }

  private func wait<Value>(
    for expectation: String,
    timeout: Duration,
    failingWhenOutputEnds: Bool,
    until check: (TerminalTranscript.Snapshot) -> Value?
  ) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
      try Task.checkCancellation()
      let snapshot = transcript.snapshot
      if let value = check(snapshot) {
        return value
      }
      if let waitFailure = snapshot.waitFailure {
        throw PseudoTerminalError.couldNotWait(command: command, errno: waitFailure)
      }
      if failingWhenOutputEnds && snapshot.outputEnded {
        throw PseudoTerminalError.exitedWhileWaiting(for: expectation, command: command, transcript: snapshot)
      }
      guard ContinuousClock.now < deadline else {
        throw PseudoTerminalError.timedOut(
          waitingFor: expectation,
          command: command,
          timeout: timeout,
          transcript: snapshot
        )
      }
      await transcript.waitForChange(from: snapshot.version, until: deadline)
    }
  }
}

/// The controller side of the pseudo-terminal, the test's own copy of the device, and the child.
///
/// No descriptor is used after it is closed, nor a pid signalled after it is reaped: only the
/// reading thread closes the descriptors and only the waiting thread reaps the child, each under
/// the lock that every other use takes.
private final class TerminalDevice: Sendable {
  private struct State {
    var controller: Int32?
    /// Held until the child has exited, so that reading never reports a hang-up before the child
    /// has opened the device, and does once the child (and whatever it started) has gone.
    var deviceCopy: Int32?
    var child: pid_t
    var childReaped = false
    var closeRequested = false
  }

  private let state: Mutex<State>

  init(controller: Int32, deviceCopy: Int32, child: pid_t) {
    state = Mutex(State(controller: controller, deviceCopy: deviceCopy, child: child))
  }

  /// Copies output into `transcript` until every holder of the device has closed it, or until
  /// ``close()``; then closes the descriptors. Blocks: runs on its own thread.
  func readUntilEnd(into transcript: TerminalTranscript) {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    reading: while true {
      // Only this thread closes the controller, so it stays valid outside the lock.
      guard let controller = state.withLock({ $0.closeRequested ? nil : $0.controller }) else { break }
      var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
      // A bounded wait, so that a close request is noticed even when nothing arrives.
      let ready = poll(&poller, 1, 50)
      if ready < 0 && errno != EINTR { break }
      guard ready > 0 else { continue }
      let count = buffer.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
      if count > 0 {
        buffer.withUnsafeBytes { transcript.append(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
      } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
        break reading  // EIO: the device is closed on the other side
      }
    }
    transcript.endOutput()
    state.withLock { state in
      state.controller.map(closeDescriptor)
      state.deviceCopy.map(closeDescriptor)
      state.controller = nil
      state.deviceCopy = nil
    }
  }

  /// Reaps the child, which has terminated; then lets the terminal report end of output once the
  /// processes it started have gone too.
  func reapChild() -> Result<ExitStatus, SystemCallError> {
    state.withLock { state in
      var signaled: Int32 = 0
      var value: Int32 = 0
      let error = gatherlab_pty_reap(state.child, &signaled, &value)
      state.childReaped = true
      state.deviceCopy.map(closeDescriptor)
      state.deviceCopy = nil
      guard error == 0 else { return .failure(SystemCallError(code: error)) }
      return .success(signaled != 0 ? .signaled(value) : .exited(value))
    }
  }

  func write(_ bytes: [UInt8], command: String) throws {
    let deadline = ContinuousClock.now + .seconds(5)
    try state.withLock { state throws(PseudoTerminalError) in
      guard let controller = state.controller, !state.closeRequested else {
        throw .closed(command: command)
      }
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
          writeDescriptor(controller, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written >= 0 {
          offset += written
        } else if errno == EAGAIN {
          // The program is not reading and the terminal's input queue is full.
          guard ContinuousClock.now < deadline else { throw .writeTimedOut(command: command) }
          var poller = pollfd(fd: controller, events: Int16(POLLOUT), revents: 0)
          _ = poll(&poller, 1, 10)
        } else if errno != EINTR {
          throw .couldNotWrite(command: command, errno: errno)
        }
      }
    }
  }

  func setSize(rows: UInt16, columns: UInt16, command: String) throws {
    try state.withLock { state throws(PseudoTerminalError) in
      guard let controller = state.controller, !state.closeRequested else {
        throw .closed(command: command)
      }
      let error = gatherlab_pty_set_size(controller, rows, columns)
      guard error == 0 else { throw .couldNotResize(command: command, errno: error) }
    }
  }

  func close() {
    state.withLock { state in
      guard !state.closeRequested else { return }
      state.closeRequested = true
      if !state.childReaped {
        // The child is at worst a zombie here, so its pid (and process group id) is still its own.
        kill(-state.child, SIGKILL)
        kill(state.child, SIGKILL)
      }
    }
  }
}

private struct SystemCallError: Error {
  var code: Int32
}

private func closeDescriptor(_ descriptor: Int32) {
  #if canImport(Glibc)
  _ = Glibc.close(descriptor)
  #else
  _ = Darwin.close(descriptor)
  #endif
}

private func writeDescriptor(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  Glibc.write(descriptor, bytes, count)
  #else
  Darwin.write(descriptor, bytes, count)
  #endif
}

/// Calls `body` with a NULL-terminated array of C strings, as `argv` and `envp` are.
private func withCStringArray<Result>(
  _ strings: [String],
  _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
) -> Result {
  let pointers = strings.map { strdup($0) } + [nil]
  defer { pointers.forEach { free($0) } }
  return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
