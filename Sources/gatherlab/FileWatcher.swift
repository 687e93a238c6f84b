import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Waits for a change to one file, or a key on stdin: inotify on the file's directory (editors
/// save by writing a new file and renaming it over the old one, which a watch on the file
/// itself would lose), or, where inotify fails, a look at the file's size and time twice a second.
final class FileWatcher {
  enum Event { case changed, key, idle }

  let path: String
  private var descriptor: Int32 = -1
  private var lastStamp: String?

  init(path: String) {
    self.path = path
    let directory = (path as NSString).deletingLastPathComponent
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    if fd >= 0 {
      let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_DELETE)
      if inotify_add_watch(fd, directory.isEmpty ? "." : directory, mask) >= 0 {
        descriptor = fd
      } else {
        close(fd)
      }
    }
    lastStamp = stamp()
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// The file's bytes, to tell a real change from a save of the same text.
  static func contents(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
  }

  private func stamp() -> String? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    return "\(status.st_size) \(status.st_mtim.tv_sec) \(status.st_mtim.tv_nsec) \(status.st_ino)"
  }

  /// The next event within `milliseconds`.
  func wait(milliseconds: Int32) -> Event {
    var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)]
    if descriptor >= 0 { fds.append(pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)) }
    let ready = poll(&fds, nfds_t(fds.count), descriptor >= 0 ? milliseconds : min(milliseconds, 500))
    if ready > 0, fds[0].revents != 0 { return .key }
    if ready > 0, fds.count > 1, fds[1].revents != 0 {
      var buffer = [UInt8](repeating: 0, count: 4096)
      // Drain, then let an editor's burst of writes settle.
      while read(descriptor, &buffer, buffer.count) > 0 {}
      usleep(30_000)
      while read(descriptor, &buffer, buffer.count) > 0 {}
      lastStamp = stamp()
      return .changed
    }
    // Polling, where inotify failed (and a safety net where it works).
    let now = stamp()
    if now != lastStamp {
      lastStamp = now
      return .changed
    }
    return .idle
  }
}
