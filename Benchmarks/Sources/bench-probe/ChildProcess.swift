import CBenchTerminal

#if canImport(Glibc)
import Glibc
#endif

/// Starts a program with `posix_spawn` and waits for it, reporting what it cost.
struct ChildProcess {
  /// How a child ended and what it used.
  struct Outcome {
    /// The exit status as `waitpid` encodes it.
    var status: Int32
    /// Wall time from just before the spawn to just after the wait.
    var wall: Duration
    /// User CPU time of the child (`ru_utime`).
    var userSeconds: Double
    /// System CPU time of the child (`ru_stime`).
    var systemSeconds: Double
    /// Bytes the child wrote to the pseudo-terminal, when it ran in one.
    var bytesWritten = 0

    var exitedCleanly: Bool { status & 0x7f == 0 && (status >> 8) & 0xff == 0 }
  }

  var arguments: [String]
  var environment: [String: String]

  /// Runs the child with its standard output and error on `/dev/null` (its input too).
  func runQuietly() throws(ProbeError) -> Outcome {
    let null = open("/dev/null", O_RDWR)
    guard null >= 0 else { throw ProbeError("cannot open /dev/null") }
    defer { close(null) }
    return try run(standardStreams: null, drain: nil)
  }

  /// Runs the child with its standard streams on a fresh pseudo-terminal of `columns` × `rows`,
  /// reading (and discarding) everything it draws until it exits, as a terminal would.
  func runInPseudoTerminal(columns: UInt16 = 100, rows: UInt16 = 30) throws(ProbeError) -> Outcome {
    var controller: Int32 = -1
    var device: Int32 = -1
    let error = bench_open_pseudo_terminal(&controller, &device, rows, columns)
    guard error == 0 else { throw ProbeError("cannot open a pseudo-terminal: \(String(cString: strerror(error)))") }
    defer { close(controller) }
    var closedDevice = false
    defer { if !closedDevice { close(device) } }
    return try run(standardStreams: device, drain: controller) { closedDevice = true; close(device) }
  }

  private func run(
    standardStreams: Int32,
    drain: Int32?,
    afterSpawn: () -> Void = {}
  ) throws(ProbeError) -> Outcome {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for stream in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO] {
      posix_spawn_file_actions_adddup2(&actions, standardStreams, stream)
    }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // A session of its own: the pseudo-terminal's signals and hang-up reach the child only.
    posix_spawnattr_setflags(&attributes, bench_spawn_setsid_flag())

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }

    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    let error = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
    guard error == 0 else { throw ProbeError("cannot start \(arguments[0]): \(String(cString: strerror(error)))") }
    afterSpawn()

    var bytes = 0
    if let drain {
      var buffer = [UInt8](repeating: 0, count: 1 << 16)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(drain, $0.baseAddress, $0.count) }
        if count > 0 {
          bytes += count
        } else if count < 0, errno == EINTR {
          continue
        } else {
          break  // EIO: the child has exited and closed the terminal
        }
      }
    }

    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
      guard errno == EINTR else { throw ProbeError("wait4 failed: \(String(cString: strerror(errno)))") }
    }
    let wall = start.duration(to: clock.now)
    return Outcome(
      status: status,
      wall: wall,
      userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
      systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
      bytesWritten: bytes
    )
  }

  /// This process's environment as a dictionary.
  static var currentEnvironment: [String: String] {
    var result: [String: String] = [:]
    var entry = environ
    while let pointer = entry.pointee {
      let text = String(cString: pointer)
      if let equals = text.firstIndex(of: "=") {
        result[String(text[..<equals])] = String(text[text.index(after: equals)...])
      }
      entry += 1
    }
    return result
  }
}

/// A failure of the probe itself, as one sentence.
struct ProbeError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
