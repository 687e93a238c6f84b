#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the output terminal can do, decided once at start-up.
///
/// Color and cursor movement need a TTY. `NO_COLOR` (any value) and `--no-color` turn off color and
/// nothing else (no-color.org): the live view, the pager and step keys still work. `TERM=dumb`
/// turns off both, so its output carries no escape sequence at all. Width is the terminal's, else
/// `$COLUMNS`, else 80.
public struct TerminalCapabilities: Sendable, Equatable {
  /// Standard output is a terminal.
  public var isTTY: Bool
  /// ANSI colors and attributes may be written.
  public var color: Bool
  /// The cursor may be moved to redraw in place.
  public var cursorMovement: Bool
  /// Columns available.
  public var width: Int
  /// Rows available, when known.
  public var height: Int?

  public init(isTTY: Bool, color: Bool, cursorMovement: Bool, width: Int, height: Int?) {
    self.isTTY = isTTY
    self.color = color
    self.cursorMovement = cursorMovement
    self.width = width
    self.height = height
  }

  /// Plain output of `width` columns: what tests and pipes get.
  public static func plain(width: Int = 80) -> TerminalCapabilities {
    TerminalCapabilities(isTTY: false, color: false, cursorMovement: false, width: width, height: nil)
  }

  /// Decides the capabilities from the facts, without touching the system.
  ///
  /// - Parameters:
  ///   - isTTY: standard output is a terminal.
  ///   - environment: the process environment (`NO_COLOR`, `TERM`, `COLUMNS` are read).
  ///   - windowSize: the terminal's columns and rows, when it reported them.
  ///   - noColorFlag: the user passed `--no-color`.
  public static func resolve(
    isTTY: Bool,
    environment: [String: String],
    windowSize: (columns: Int, rows: Int)?,
    noColorFlag: Bool = false
  ) -> TerminalCapabilities {
    let dumb = environment["TERM"] == "dumb"
    let noColor = environment["NO_COLOR"] != nil || noColorFlag || dumb
    let columnsVariable = environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
    let width = windowSize.flatMap { $0.columns > 0 ? $0.columns : nil } ?? columnsVariable ?? 80
    let height = windowSize.flatMap { $0.rows > 0 ? $0.rows : nil }
    return TerminalCapabilities(
      isTTY: isTTY,
      color: isTTY && !noColor,
      cursorMovement: isTTY && !dumb,
      width: width,
      height: height
    )
  }

  /// Reads the real standard output and environment.
  public static func detect(noColorFlag: Bool = false, environment: [String: String]) -> TerminalCapabilities {
    resolve(
      isTTY: isatty(STDOUT_FILENO) == 1,
      environment: environment,
      windowSize: currentWindowSize(),
      noColorFlag: noColorFlag
    )
  }

  /// The size of the terminal on standard output, or nil when it is not a terminal.
  public static func currentWindowSize(fileDescriptor: Int32 = STDOUT_FILENO) -> (columns: Int, rows: Int)? {
    var size = winsize()
    guard ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return (Int(size.ws_col), Int(size.ws_row))
  }
}
