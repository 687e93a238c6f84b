import LabTerminal

/// What the walkthrough writes, and how much of the screen it has filled since the last prompt:
/// lines that wrap at the screen's width, and long text paged with a one-line "more" marker, so
/// the title of a part never scrolls away before the learner has read it.
@MainActor
final class WalkthroughScreen {
  let console: any Console
  /// Single keys at the "more" marker.
  let keys: any KeyReading
  /// Lines written since the last prompt, so a part's first page fits below them.
  var shownSincePrompt = 0

  init(console: any Console, keys: any KeyReading) {
    self.console = console
    self.keys = keys
  }

  var capabilities: TerminalCapabilities { console.capabilities }

  /// The columns text wraps to: the terminal's (as it is now), between 20 and 100.
  var width: Int { min(max(console.currentSize()?.columns ?? console.capabilities.width, 20), 100) }

  var rows: Int { console.currentSize()?.rows ?? console.capabilities.height ?? 24 }

  /// The lessons' renderer at this screen's width and color.
  var renderer: LessonRenderer { LessonRenderer(width: width, color: console.capabilities.color) }

  /// One sentence, wrapped to the screen.
  func say(_ text: String, style: TextStyle = .plain) {
    emit(TextWrapper.wrap(text, width: width - 1).map { StyledText($0, style: style) })
  }

  /// Writes lines, counting them against the screen the next part must fit on.
  func emit(_ lines: [StyledText]) {
    console.writeLines(lines)
    shownSincePrompt += lines.count
  }

  /// Writes `lines`, stopping at a "more" marker whenever the screen is full.
  func page(_ lines: [StyledText]) {
    let pages = Pager(rows: rows).pages(of: lines, alreadyShown: shownSincePrompt) { PageBreaks.keepsWithNext(lines, at: $0) }
    for (number, page) in pages.enumerated() {
      emit(page)
      guard number + 1 < pages.count else { break }
      let marker = ["── more: Enter or space reads on, q stops ──", "── more: Enter, q stops ──", "── more ──"]
        .first { DisplayWidth.of($0) < width } ?? "more"
      console.write(StyledText(marker, style: .dim).rendered(color: console.capabilities.color))
      let key = keys.readPagerKey()
      // The marker gives its row to what follows.
      console.write(console.capabilities.cursorMovement ? "\r\u{1B}[2K" : "\n")
      shownSincePrompt = 0
      if key == .stop { break }
    }
  }
}
