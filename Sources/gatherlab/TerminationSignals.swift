import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// SIGTERM and SIGHUP (a `timeout`, a `kill`, a terminal closed): the programs gatherlab runs (a
/// traced program, a Python twin, an exercise check's runs) end with it, as a terminal's Ctrl-C
/// ends them, instead of running on as orphans; then gatherlab ends as the signal ends it (exit
/// status 128 + the signal). `Gatherlab.main` blocks them in its first thread before any other
/// exists (every thread inherits the mask; swift-subprocess gives the programs it starts an empty
/// one); a dispatch source takes them (a signal handler may not read /proc).
enum TerminationSignals {
  static let numbers = [SIGTERM, SIGHUP]

  /// Starts the signals' sources.
  static func install() {
    for number in numbers {
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { end(by: number) }
      source.resume()
      sources.append(source)
    }
  }

  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// Passes `number` on to each child (to its whole group when it leads one, so a program's own
  /// children go too), then ends gatherlab by it.
  static func end(by number: Int32) {
    for (child, group) in children() {
      kill(group == child ? -child : child, number)
    }
    signal(number, SIG_DFL)
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, number)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    raise(number)
  }

  /// This process's children, with their process groups, from /proc.
  static func children() -> [(pid: pid_t, group: pid_t)] {
    let me = getpid()
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> (pid_t, pid_t)? in
      guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
        let close = stat.lastIndex(of: ")")
      else { return nil }
      // pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses, so read after the last ")".
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 2, let parent = pid_t(fields[1]), let group = pid_t(fields[2]), parent == me else { return nil }
      return (pid, group)
    }
  }
}
