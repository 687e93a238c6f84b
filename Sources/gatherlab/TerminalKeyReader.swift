import LabCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Single keys from the terminal on standard input, for `replay --step`: raw mode (no echo, no
/// line buffering, Ctrl-C arriving as a key rather than a signal) from `init` until `restore()`,
/// which every way out calls — the end, `q`, Ctrl-C, and the Ctrl-C handler of a SIGINT sent by
/// `kill`.
final class TerminalKeyReader: StepKeyReader, Sendable {
  private let original: termios
  private let active = Mutex(true)

  /// Nil when standard input is not a terminal.
  init?() {
    var settings = termios()
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &settings) == 0 else { return nil }
    original = settings
    var raw = settings
    raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &raw.c_cc) { characters in
      characters[Int(VMIN)] = 1
      characters[Int(VTIME)] = 0
    }
    guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
  }

  deinit { restore() }

  /// Puts the terminal back as it was; safe to call more than once, from any thread.
  func restore() {
    active.withLock { active in
      guard active else { return }
      var settings = original
      _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
      active = false
    }
  }

  func nextKey() -> StepKey {
    guard let byte = readByte() else { return .quit }
    switch byte {
    case UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: " "), UInt8(ascii: "n"): return .forward
    case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "p"): return .back
    case UInt8(ascii: "q"), UInt8(ascii: "Q"), 0x04: return .quit
    case 0x03: return .interrupt
    case 0x1B:
      // Arrow keys: ESC [ C (→) and ESC [ D (←); a lone Escape is ignored.
      guard readByte(waiting: 30) == UInt8(ascii: "["), let final = readByte(waiting: 30) else { return .other }
      switch final {
      case UInt8(ascii: "C"), UInt8(ascii: "B"): return .forward
      case UInt8(ascii: "D"), UInt8(ascii: "A"): return .back
      default: return .other
      }
    default: return .other
    }
  }

  /// The next byte, waiting at most `milliseconds` (forever when nil); nil at end of input.
  private func readByte(waiting milliseconds: Int32? = nil) -> UInt8? {
    if let milliseconds {
      var poller = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, milliseconds) == 1 else { return nil }
    }
    var byte: UInt8 = 0
    while true {
      let count = read(STDIN_FILENO, &byte, 1)
      if count == 1 { return byte }
      if count < 0, errno == EINTR { continue }
      return nil
    }
  }
}
