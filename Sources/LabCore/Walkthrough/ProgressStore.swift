import Foundation
import Synchronization

/// What loading progress found.
public struct ProgressLoad: Sendable, Equatable {
  /// The saved progress, or nil when there is none (or it could not be used; see `warning`).
  public var progress: Progress?
  /// One sentence for the learner when the file could not be used as it was.
  public var warning: String?
  /// False when the file must not be written over: it comes from a newer gatherlab.
  public var canSave: Bool

  public init(progress: Progress?, warning: String? = nil, canSave: Bool = true) {
    self.progress = progress
    self.warning = warning
    self.canSave = canSave
  }
}

/// Loads and saves `Progress`. The file-system store writes atomically; tests use a fake.
public protocol ProgressStore: Sendable {
  /// The saved progress, with a warning when it could not be used as it was.
  func load() -> ProgressLoad
  /// Saves `progress`; returns a one-sentence warning if it could not.
  func save(_ progress: Progress) -> String?
}

/// `progress.json` in the state directory: `$GATHERLAB_HOME`, else `$XDG_STATE_HOME/gatherlab`,
/// else `~/.local/state/gatherlab`.
public struct FileProgressStore: ProgressStore {
  public let directory: String
  /// The bytes of the file as this store last read or wrote them: saving the same bytes again
  /// is skipped (quitting after reading a lesson rewrote an unchanged file twice, most of the
  /// walkthrough's file work at start-up).
  private let onDisk = OnDisk()

  private final class OnDisk: Sendable {
    let data = Mutex<Data?>(nil)
  }

  public init(directory: String) {
    self.directory = directory
  }

  /// The state directory for this environment.
  public static func stateDirectory(environment: [String: String]) -> String {
    if let home = environment["GATHERLAB_HOME"], !home.isEmpty { return home }
    if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return state + "/gatherlab" }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return home + "/.local/state/gatherlab"
  }

  public var file: String { directory + "/progress.json" }
  public var backup: String { directory + "/progress.json.bak" }

  /// The saved progress if it can be read and is valid; never changes anything on disk.
  public func peek() -> Progress? {
    guard let data = FileManager.default.contents(atPath: file) else { return nil }
    return ProgressFile.decode(data).progress
  }

  public func load() -> ProgressLoad {
    let manager = FileManager.default
    guard manager.fileExists(atPath: file) else { return ProgressLoad(progress: nil) }
    // Read by path: a URL's first use costs a tenth of a millisecond of start-up. Only when
    // that fails is it read again through a URL, whose error says why.
    let data: Data
    if let contents = manager.contents(atPath: file) {
      data = contents
    } else {
      do {
        data = try Data(contentsOf: URL(fileURLWithPath: file))
      } catch {
        return ProgressLoad(progress: nil, warning: "Could not read \(file) (\(Self.reason(error))); starting fresh.")
      }
    }
    switch ProgressFile.decode(data) {
    case .valid(let progress):
      onDisk.data.withLock { $0 = data }
      return ProgressLoad(progress: progress)
    case .newer(let version):
      // A newer gatherlab wrote it: moving or rewriting it would lose what that version keeps.
      return ProgressLoad(
        progress: nil,
        warning: "\(file) comes from a newer gatherlab (version \(version)); this session starts at lesson 1 and saves nothing, leaving the file as it is.",
        canSave: false
      )
    case .badSpeed(let progress, let speed):
      // The file is rewritten with speed 1 at the next save; the copy keeps what it said.
      let kept = keepBackup { try manager.copyItem(atPath: file, toPath: backup) }
      let shown = speed.count > 20 ? String(speed.prefix(20)) + "…" : speed
      return ProgressLoad(progress: progress, warning: "\(file) has speed '\(shown)', not a number from 0.1 to 100; \(kept), set the speed to 1 and kept the rest.")
    case .invalid:
      let kept = keepBackup { try manager.moveItem(atPath: file, toPath: backup) }
      return ProgressLoad(progress: nil, warning: "\(file) is not valid progress data; \(kept) and started fresh.")
    }
  }

  /// Puts the file's bytes in `backup` with `keep`, replacing an older backup; says how it went.
  private func keepBackup(_ keep: () throws -> Void) -> String {
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: backup) { try manager.removeItem(atPath: backup) }
      try keep()
      return "kept it as \(backup)"
    } catch {
      return "could not keep a copy (\(Self.reason(error)))"
    }
  }

  public func save(_ progress: Progress) -> String? {
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(progress)
      if onDisk.data.withLock({ $0 == data }), FileManager.default.fileExists(atPath: file) { return nil }
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      // Write a temporary file and rename it over the old one: a crash never leaves half a file.
      let temporary = directory + "/.progress.json.\(getpid()).tmp"
      try data.write(to: URL(fileURLWithPath: temporary))
      if rename(temporary, file) != 0 {
        let error = String(cString: strerror(errno))
        try? FileManager.default.removeItem(atPath: temporary)
        return "Could not save progress to \(file) (\(error)); the tutorial still works, but will not remember where you are."
      }
      onDisk.data.withLock { $0 = data }
      return nil
    } catch {
      return "Could not save progress to \(file) (\(Self.reason(error))); the tutorial still works, but will not remember where you are."
    }
  }

  private static func reason(_ error: any Error) -> String {
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return String(cString: strerror(Int32(underlying.code)))
    }
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain {
      switch nsError.code {
      case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "permission denied"
      case NSFileWriteOutOfSpaceError: return "no space left"
      case NSFileReadNoSuchFileError, NSFileNoSuchFileError: return "no such file"
      default: break
      }
    }
    return nsError.localizedDescription
  }
}
