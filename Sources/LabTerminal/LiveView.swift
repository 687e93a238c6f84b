import Synchronization

/// Redraws a block of lines in place on a terminal, for the live timeline.
///
/// It draws on the alternate screen, so a redraw can never scroll or smear the user's
/// scrollback however the terminal is resized; `end()` leaves it and shows the cursor again, and
/// the caller then prints the final frame on the normal screen, where it stays.
public final class LiveView: Sendable {
  private let console: any Console
  private let state = Mutex((active: false, lastFrame: ""))

  public init(console: any Console) {
    self.console = console
  }

  /// Switches to the alternate screen and hides the cursor.
  public func begin() {
    state.withLock { $0.active = true }
    console.write(ANSI.enterAlternateScreen + ANSI.hideCursor + ANSI.home + ANSI.eraseDown)
  }

  /// Replaces what is on screen with `lines` (skipped when nothing changed).
  public func draw(_ lines: [StyledText]) {
    let frame = Self.frame(lines, color: console.capabilities.color)
    let changed = state.withLock { state in
      guard state.active, frame != state.lastFrame else { return false }
      state.lastFrame = frame
      return true
    }
    if changed { console.write(frame) }
  }

  /// What `draw` writes for `lines`: home, each line cleared to its end, the rest erased. Pure,
  /// so a recording of the live view (an asciicast) holds the same bytes.
  public static func frame(_ lines: [StyledText], color: Bool) -> String {
    ANSI.home + lines.map { $0.rendered(color: color) + ANSI.eraseLineRight }.joined(separator: "\n") + ANSI.eraseDown
  }

  /// Leaves the alternate screen and shows the cursor; safe to call more than once.
  public func end() {
    let wasActive = state.withLock { state in
      defer { state.active = false }
      return state.active
    }
    if wasActive { console.write(ANSI.resetStyle + ANSI.showCursor + ANSI.leaveAlternateScreen) }
  }
}

/// The few escape sequences gatherlab writes.
public enum ANSI {
  public static let enterAlternateScreen = "\u{1B}[?1049h"
  public static let leaveAlternateScreen = "\u{1B}[?1049l"
  public static let hideCursor = "\u{1B}[?25l"
  public static let showCursor = "\u{1B}[?25h"
  public static let home = "\u{1B}[H"
  public static let eraseDown = "\u{1B}[J"
  public static let eraseLineRight = "\u{1B}[K"
  public static let resetStyle = "\u{1B}[0m"
}
