import LabCore

#if canImport(Glibc)
import Glibc
#endif

/// Single keys at the pager's "more" marker, read from the terminal in raw mode, apart from
/// libedit (which only reads whole lines): Enter or space read on; `q`, Ctrl-C or Ctrl-D
/// go back to the prompt. Other keys (arrows too) are ignored.
///
/// Raw mode turns off the terminal's signal keys, so Ctrl-C arrives here as a byte instead of
/// as SIGINT, and the terminal's settings are put back before the next prompt.
final class TerminalKeyReader: KeyReading {
  func readPagerKey() -> PagerKey {
    var saved = termios()
    guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return .stop }
    var raw = saved
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
    raw.c_cc.6 = 1  // VMIN: one byte at a time
    raw.c_cc.5 = 0  // VTIME: no timeout
    guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return .stop }
    defer { _ = tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    while true {
      var byte: UInt8 = 0
      let count = read(STDIN_FILENO, &byte, 1)
      if count < 0 && errno == EINTR { continue }
      guard count == 1 else { return .stop }
      switch byte {
      case 0x0D, 0x0A, 0x20: return .more
      case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x03, 0x04: return .stop
      default: continue
      }
    }
  }
}
