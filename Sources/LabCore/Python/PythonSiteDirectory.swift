import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A directory of gatherlab's cache holding the tracer (and the clock module) as files, with a
/// `sitecustomize.py` that installs it, and the tracer's C speedups the build embedded (one
/// `_gatherlab_speedups<EXT_SUFFIX>` per CPython: each python3 imports its own, one with none
/// runs the tracer in pure Python): `trace` runs `python3 FILE` itself with the directory
/// first on PYTHONPATH (`environment(inheriting:)`), so the program starts exactly as python3
/// starts it, with no bootstrap frame below its own in a stack dump (asyncio's debug mode prints
/// them), and CPython keeps the modules' compiled code in the directory's `__pycache__`.
///
/// Named by a hash of what it holds (`site-0123abcd…`), written whole under another name and
/// renamed into place, so a directory that exists is complete and matches this build; other
/// builds' directories unchanged for a day are removed when this one's is made. A cache that
/// cannot be written gives nil: the run falls back to `PythonProgram`'s bootstrap.
public struct PythonSiteDirectory: Sendable, Equatable {
  /// The directory's absolute path.
  public let path: String

  public init(path: String) {
    self.path = path
  }

  /// The file name the installer is written as, and the embedded file it comes from.
  static let installerName = "sitecustomize.py"
  static let installerSource = "_gatherlab_site.py"

  /// The tracer's C speedups this build embedded (`make` compiles them for each CPython 3.11 to
  /// 3.13 it finds; a build without a C compiler or Python's headers has none), by file name
  /// (`_gatherlab_speedups.cpython-312-x86_64-linux-gnu.so`), with their bytes.
  public static let extensions: [(name: String, bytes: Data)] = EmbeddedFiles.pythonExtensions.compactMap { file in
    Data(base64Encoded: file.base64).map { (file.name, $0) }
  }

  /// The directory for `modules` and `extensions` (binary files, written as they are) under
  /// `cache`, made if missing; nil if it cannot be.
  public static func prepare(
    cache: String, modules: [(name: String, text: String)], extensions: [(name: String, bytes: Data)] = PythonSiteDirectory.extensions
  ) -> PythonSiteDirectory? {
    guard let installer = EmbeddedFiles.demoPython.first(where: { $0.name == installerSource })?.text else { return nil }
    let files = [(installerName, Data(installer.utf8))] + modules.map { ($0.name + ".py", Data($0.text.utf8)) } + extensions.map { ($0.name, $0.bytes) }
    let name = "site-" + digest(files)
    let path = cache + "/" + name
    func complete() -> Bool { files.allSatisfy { access(path + "/" + $0.0, R_OK) == 0 } }
    if complete() { return PythonSiteDirectory(path: path) }
    let manager = FileManager.default
    // A name of its own: the runs of one check (its schedules) may be writing it at once.
    let part = cache + "/.\(name).\(UUID().uuidString)"
    do {
      try manager.createDirectory(atPath: cache, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
      try manager.createDirectory(atPath: part, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
      for (file, bytes) in files {
        try bytes.write(to: URL(filePath: part + "/" + file))
      }
    } catch {
      try? manager.removeItem(atPath: part)
      return nil
    }
    // Another run may have put the same directory in place meanwhile: then this copy goes. One
    // with a file missing (removed by hand) is replaced.
    if rename(part, path) != 0 {
      if !complete() {
        try? manager.removeItem(atPath: path)
        if rename(part, path) == 0 { return PythonSiteDirectory(path: path) }
      }
      try? manager.removeItem(atPath: part)
      guard complete() else { return nil }
      return PythonSiteDirectory(path: path)
    }
    prune(cache, keeping: name, now: Date())
    return PythonSiteDirectory(path: path)
  }

  /// Removes other builds' directories not changed for a day (one another gatherlab is running
  /// from this moment is left alone).
  static func prune(_ cache: String, keeping name: String, now: Date) {
    let manager = FileManager.default
    for other in (try? manager.contentsOfDirectory(atPath: cache)) ?? [] where other.hasPrefix("site-") && other != name {
      let changed = (try? manager.attributesOfItem(atPath: cache + "/" + other))?[.modificationDate] as? Date
      if let changed, now.timeIntervalSince(changed) > 86_400 {
        try? manager.removeItem(atPath: cache + "/" + other)
      }
    }
  }

  /// The variables that make `python3` install the tracer from this directory, given the
  /// environment the program inherits: PYTHONPATH with the directory first (the user's own
  /// after it, and given back to the program, in GATHERLAB_PYTHONPATH).
  public func environment(inheriting inherited: [String: String]) -> [String: String] {
    var variables = ["GATHERLAB_SITE": path, "PYTHONPATH": path]
    if let users = inherited["PYTHONPATH"] {
      variables["GATHERLAB_PYTHONPATH"] = users
      if !users.isEmpty { variables["PYTHONPATH"] = path + ":" + users }
    }
    return variables
  }

  /// 64-bit FNV-1a of the files' names and bytes, in hex: enough to tell builds apart.
  static func digest(_ files: [(String, Data)]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for (name, bytes) in files {
      for byte in name.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      hash = (hash ^ 0) &* 0x100_0000_01b3
      bytes.withUnsafeBytes { buffer in
        for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
      }
      hash = (hash ^ 0) &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
