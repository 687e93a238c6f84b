import CLibEdit
import LabCore

#if canImport(Glibc)
import Glibc
#endif

/// The walkthrough's prompt on a terminal, through libedit's readline-compatible API: line
/// editing, history kept in a file (last 1000 lines), tab completion, and Ctrl-C that clears the
/// line instead of killing the program.
///
/// SIGINT is ignored while the prompt is up. libedit catches it anyway, restores the terminal,
/// re-raises it (ignored) and makes `readline` return NULL with `errno == EINTR`: that is how a
/// Ctrl-C is told apart from Ctrl-D, which returns NULL with `errno` untouched.
final class EditLineReader: LineReader {
  private let historyFile: String?

  /// The completion candidates for the current line. libedit calls back through a C function
  /// pointer that cannot capture context, so the one reader in the process publishes its
  /// completer here.
  nonisolated(unsafe) static var completion: CommandCompletion?

  init(historyFile: String?, completion: CommandCompletion) {
    self.historyFile = historyFile
    Self.completion = completion
    if setlocale(LC_CTYPE, "").map({ String(cString: $0) }) == "C" {
      // Without a UTF-8 locale libedit counts the bytes of "›" as three columns.
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    gatherlab_rl_set_name("gatherlab")
    gatherlab_rl_set_completion(EditLineReader.complete)
    stifle_history(1000)
    if let historyFile {
      _ = read_history(historyFile)
    }
  }

  var isInteractive: Bool { true }

  /// Updates what the completer knows (the current lesson's demo changes as the user moves).
  func updateCompletion(_ completion: CommandCompletion) {
    Self.completion = completion
  }

  func readLine(prompt: String) -> LineInput {
    signal(SIGINT, SIG_IGN)
    errno = 0
    guard let pointer = readline(prompt) else {
      return errno == EINTR ? .interrupted : .endOfInput
    }
    defer { free(pointer) }
    return .line(String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self))
  }

  func remember(_ line: String) {
    guard line.contains(where: { !$0.isWhitespace }) else { return }
    _ = add_history(line)
    if let historyFile {
      _ = write_history(historyFile)
    }
  }

  /// libedit's completion callback: `text` is the word at the cursor, `start` its offset.
  private static let complete: gatherlab_completion_function = { text, start, _ in
    gatherlab_rl_completion_over()
    guard let text, let completion = EditLineReader.completion else { return nil }
    let word = String(cString: text)
    let line = gatherlab_rl_line_buffer().map { String(cString: $0) } ?? ""
    let before = String(decoding: line.utf8.prefix(Int(start)), as: UTF8.self)
    guard !before.hasSuffix("=") else { return nil }
    let matches = completion.candidates(for: word, after: before)
    guard !matches.isEmpty else { return nil }
    // readline's convention: entry 0 replaces the word (the longest common prefix), then the
    // matches, then NULL; all allocated with malloc, freed by libedit.
    let common = matches.dropFirst().reduce(matches[0]) { prefix, match in
      String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
    }
    gatherlab_rl_set_append_character(matches.count == 1 && !common.hasSuffix("=") ? 32 : 0)
    let entries = matches.count == 1 ? [common] : [common] + matches
    let size = MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1)
    guard let raw = malloc(size) else { return nil }
    let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
    for (index, entry) in entries.enumerated() {
      array[index] = strdup(entry)
    }
    array[entries.count] = nil
    return array
  }
}
