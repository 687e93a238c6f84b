import LabCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Single keys from the terminal on standard input, read apart from libedit (which reads only
/// whole lines): the pager's "more" marker, the walkthrough's yes/no questions and `replay
/// --step` read through it.
///
/// Raw mode (no echo, no line buffering, Ctrl-C arriving as a key rather than a signal) lasts
/// from `enterRawMode()` until `restore()`, which every way out calls — the end of a step
/// through, `q`, Ctrl-C, and the handler of a SIGINT sent by `kill`. The pager holds it for one
/// key at a time, so the prompt always gets the terminal as it was.
final class TerminalKeyReader: Sendable {
  /// One key as the terminal sends it.
  enum Key: Equatable {
    case enter, space, interrupt, endOfInput, left, right, up, down, other
    case character(Character)
  }

  /// The settings found at start; nil when standard input is not a terminal.
  private let original: termios?
  private let raw = Mutex(false)

  init() {
    var settings = termios()
    original = isatty(STDIN_FILENO) == 1 && tcgetattr(STDIN_FILENO, &settings) == 0 ? settings : nil
  }

  deinit { restore() }

  /// Switches the terminal to raw mode; false when standard input is not a terminal.
  func enterRawMode() -> Bool {
    guard var settings = original else { return false }
    settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
    settings.c_iflag &= ~tcflag_t(IXON | ICRNL)
    withUnsafeMutableBytes(of: &settings.c_cc) { characters in
      characters[Int(VMIN)] = 1
      characters[Int(VTIME)] = 0
    }
    guard tcsetattr(STDIN_FILENO, TCSANOW, &settings) == 0 else { return false }
    raw.withLock { $0 = true }
    return true
  }

  /// Puts the terminal back as it was found; safe to call more than once, from any thread.
  func restore() {
    raw.withLock { raw in
      guard raw, var settings = original else { return }
      _ = tcsetattr(STDIN_FILENO, TCSANOW, &settings)
      raw = false
    }
  }

  /// The next key (raw mode must be on); arrow keys' escape sequences read as one key.
  func readKey() -> Key {
    guard let byte = readByte() else { return .endOfInput }
    switch byte {
    case 0x0D, 0x0A: return .enter
    case 0x20: return .space
    case 0x03: return .interrupt
    case 0x04: return .endOfInput
    case 0x1B:
      // ESC [ A/B/C/D; a lone Escape is some other key.
      guard readByte(waiting: 30) == UInt8(ascii: "["), let final = readByte(waiting: 30) else { return .other }
      switch final {
      case UInt8(ascii: "A"): return .up
      case UInt8(ascii: "B"): return .down
      case UInt8(ascii: "C"): return .right
      case UInt8(ascii: "D"): return .left
      default: return .other
      }
    case 0x21...0x7E: return .character(Character(Unicode.Scalar(byte)))
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

extension TerminalKeyReader: RawKeyboard {
  /// `replay --step`: Enter, space, `n`, → or ↓ on; `b`, `p`, ← or ↑ back; `q` or Ctrl-D stops.
  func nextKey() -> StepKey {
    switch readKey() {
    case .enter, .space, .right, .down, .character("n"): .forward
    case .left, .up, .character("b"), .character("B"), .character("p"): .back
    case .endOfInput, .character("q"), .character("Q"): .quit
    case .interrupt: .interrupt
    case .other, .character: .other
    }
  }
}

extension TerminalKeyReader: KeyReading {
  /// The pager: Enter or space read on; `q`, Ctrl-C or Ctrl-D go back to the prompt; other keys
  /// are ignored. Raw mode only while it waits.
  func readPagerKey() -> PagerKey {
    guard enterRawMode() else { return .stop }
    defer { restore() }
    while true {
      switch readKey() {
      case .enter, .space: return .more
      case .character("q"), .character("Q"), .interrupt, .endOfInput: return .stop
      default: continue
      }
    }
  }

  /// A yes/no question: `y` or `n` answers at once, Enter, Ctrl-C or Ctrl-D take the default;
  /// other keys are ignored. nil when standard input is not a terminal.
  func readYesNoKey() -> YesNoKey? {
    guard enterRawMode() else { return nil }
    defer { restore() }
    while true {
      switch readKey() {
      case .character("y"), .character("Y"): return .yes
      case .character("n"), .character("N"): return .no
      case .enter, .interrupt, .endOfInput: return .byDefault
      default: continue
      }
    }
  }
}
