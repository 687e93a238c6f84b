import Foundation

/// Makes a directory unwritable for the test process: `chmod 500`, or, for root (whom permission
/// bits do not stop), the immutable attribute (`chattr +i`, where the file system has it).
struct ReadOnlyDirectory {
  let path: String

  static let chattr = ["/usr/bin/chattr", "/bin/chattr"].first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Whether this process can make a directory it cannot write to.
  static var canMake: Bool { getuid() != 0 || chattr != nil }

  init(_ path: String) throws {
    self.path = path
    if getuid() == 0 {
      guard let chattr = Self.chattr, Self.run(chattr, ["+i", path]) else { throw ReadOnlyDirectoryError(path: path) }
    } else {
      chmod(path, 0o500)
    }
  }

  func restore() {
    if getuid() == 0, let chattr = Self.chattr {
      _ = Self.run(chattr, ["-i", path])
    } else {
      chmod(path, 0o700)
    }
  }

  private static func run(_ executable: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

struct ReadOnlyDirectoryError: Error, CustomStringConvertible {
  let path: String
  var description: String { "could not make \(path) read-only" }
}
