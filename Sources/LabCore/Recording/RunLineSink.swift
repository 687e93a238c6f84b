import Foundation
import Synchronization

/// Where a run's JSON Lines go as they happen: a recording file, or the walkthrough's memory of
/// its last run. Every run source feeds one the same way — a Swift demo (`DemoPlayback`), a
/// Python twin, a traced program — line by line, header first and result last.
///
/// ```swift
/// let recorder = try RecordingFile(path: "run.jsonl", header: header)
/// recorder.write(#"{"type":"demo","demo":"ordering",…}"#)
/// ```
public protocol RunLineSink: Sendable {
  /// Takes one JSON line (no newline).
  func write(_ line: String)
}

/// A recording being written: the header line at once, then each line as it comes, each one
/// flushed to the file before `write` returns, so an interrupted run leaves every line it had.
public final class RecordingFile: RunLineSink {
  public let path: String
  private let state: Mutex<(descriptor: Int32, failure: OutputFileError?)>

  /// Creates (or truncates) `path` and writes `header`; throws before anything runs when the
  /// file cannot be written.
  public init(path: String, header: RecordingHeader) throws(OutputFileError) {
    self.path = path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw OutputFileError(path: path, reason: FileProblem.reason(errno: errno))
    }
    state = Mutex((descriptor, nil))
    write(header.line)
    if let failure = self.failure { throw failure }
  }

  deinit {
    state.withLock { state in
      if state.descriptor >= 0 { Foundation.close(state.descriptor) }
    }
  }

  /// The first write that failed (a full disk), if any: the recording is incomplete.
  public var failure: OutputFileError? { state.withLock { $0.failure } }

  public func write(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    state.withLock { state in
      guard state.failure == nil, state.descriptor >= 0 else { return }
      var offset = 0
      while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
          Foundation.write(state.descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written > 0 {
          offset += written
        } else if written < 0, errno == EINTR {
          continue
        } else {
          state.failure = OutputFileError(path: path, reason: FileProblem.reason(errno: written < 0 ? errno : EIO))
          return
        }
      }
    }
  }

  /// Closes the file; later writes are dropped.
  public func close() {
    state.withLock { state in
      if state.descriptor >= 0 { Foundation.close(state.descriptor) }
      state.descriptor = -1
    }
  }
}

/// Keeps a run's lines in memory, for the walkthrough's `save FILE` and `replay` of the last run.
public final class RunLineBuffer: RunLineSink {
  private let storage = Mutex<[String]>([])

  public init() {}

  public func write(_ line: String) { storage.withLock { $0.append(line) } }

  /// Every line written so far.
  public var lines: [String] { storage.withLock { $0 } }
}

/// Sends every line to each of several sinks (a file and the walkthrough's memory).
public struct RunLineFanOut: RunLineSink {
  public let sinks: [any RunLineSink]

  public init(_ sinks: [any RunLineSink]) { self.sinks = sinks }

  public func write(_ line: String) {
    for sink in sinks { sink.write(line) }
  }
}
