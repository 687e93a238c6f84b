import Foundation

/// Writing a whole export to a file: one sentence on failure, with the system's reason.
public enum OutputFile {
  public static func write(_ text: String, to path: String) throws(OutputFileError) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OutputFileError(path: path, reason: FileProblem.reason(errno: errno)) }
    defer { close(descriptor) }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
      if written > 0 {
        offset += written
      } else if written < 0, errno == EINTR {
        continue
      } else {
        throw OutputFileError(path: path, reason: FileProblem.reason(errno: written < 0 ? errno : EIO))
      }
    }
  }
}
