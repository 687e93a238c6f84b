import CLibEdit
import LabCore
import LabTerminal

#if canImport(Glibc)
import Glibc
#endif

/// The walkthrough's prompt on a terminal, through libedit's readline-compatible API: line
/// editing, history kept in a file (last 1000 lines), tab completion, and Ctrl-C that clears the
/// line instead of killing the program.
///
/// Ctrl-C: SIGINT is blocked in every thread (see `Gatherlab.main`). While a demo runs, a
/// dispatch source takes it (`InterruptSignal`). At the prompt libedit is told not to handle
/// signals and reads its characters through `readCharacter`, which first turns Ctrl-C into an
/// ordinary byte on the terminal for the rest of the line, so it comes in order with the keys
/// around it however fast they follow (checking for a signal, then reading a key, is two steps:
/// a key typed after Ctrl-C could be read before the signal was seen). A Ctrl-C the terminal
/// turned into SIGINT before that (between the prompt appearing and the first key) is read from
/// a signalfd, or, when a thread with SIGINT unblocked took it, from `InterruptSignal`'s pipe.
/// Either way it ends the line, which `readLine` then throws away as `.interrupted`.
final class EditLineReader: LineReader {
  private let historyFile: String?

  /// The completion candidates for the current line. libedit calls back through a C function
  /// pointer that cannot capture context, so the one reader in the process publishes its
  /// completer here.
  nonisolated(unsafe) static var completion: CommandCompletion?

  /// The signalfd that reports Ctrl-C at the prompt; set once in `init`.
  nonisolated(unsafe) static var interrupts: Int32 = -1
  /// Set by `readCharacter` when Ctrl-C ended the line; read and cleared by `readLine`.
  nonisolated(unsafe) static var wasInterrupted = false
  /// Characters `readCharacter` has handed libedit since this line's prompt.
  nonisolated(unsafe) static var charactersRead = 0
  /// Whether Ctrl-C is a byte on the terminal yet for this line (libedit's raw mode, set when the
  /// line starts, still raises SIGINT for it).
  nonisolated(unsafe) static var ctrlCIsAByte = false

  init(historyFile: String?, completion: CommandCompletion) {
    self.historyFile = historyFile
    Self.completion = completion
    if setlocale(LC_CTYPE, "").map({ String(cString: $0) }) == "C" {
      // Without a UTF-8 locale libedit counts the bytes of "›" as three columns.
      setlocale(LC_CTYPE, "C.UTF-8")
    }
    Self.interrupts = gatherlab_sigint_descriptor()
    gatherlab_rl_set_name("gatherlab")
    gatherlab_rl_set_catch_signals(0)
    gatherlab_rl_set_getc(EditLineReader.readCharacter)
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
    // A Ctrl-C pressed while the last command ran was meant for it, not for this line.
    _ = gatherlab_take_sigint(Self.interrupts)
    _ = InterruptSignal.shared.takeCaught()
    Self.wasInterrupted = false
    Self.charactersRead = 0
    Self.ctrlCIsAByte = false
    let pointer = readline(prompt)
    defer { free(pointer) }
    if Self.wasInterrupted { return .interrupted }
    guard let pointer else { return .endOfInput }
    return .line(String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self))
  }

  /// libedit's character source: the next character typed, decoded from UTF-8 (libedit takes
  /// it as a wide character), or EOF. Ctrl-C makes it end the line and flag the interruption.
  private static let readCharacter: gatherlab_getc_function = { _ in
    var descriptors = [STDIN_FILENO, EditLineReader.interrupts, InterruptSignal.shared.caughtDescriptor]
      .filter { $0 >= 0 }
      .map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
    if !EditLineReader.ctrlCIsAByte {
      // From here on Ctrl-C arrives as a byte; one typed before this raised SIGINT, which the
      // check below sees before any key typed after it is read (the terminal discards the
      // unread keys typed before it).
      EditLineReader.ctrlCIsAByte = gatherlab_ctrl_c_as_byte(STDIN_FILENO) == 0
    }
    while true {
      // Both taken, so neither is left for the next line. A SIGINT counts only while nothing
      // of the line has been read: after the first key, Ctrl-C arrives as a byte, so a signal
      // seen then was raised before those keys (the main thread's handler can take a moment
      // to pass it on), and the terminal already threw away what was typed before it; ending
      // the line now would throw away keys typed after it.
      let signalled = gatherlab_take_sigint(EditLineReader.interrupts) == 1
      let caught = InterruptSignal.shared.takeCaught()
      if signalled || caught, EditLineReader.charactersRead == 0 || !EditLineReader.ctrlCIsAByte {
        return interrupt()
      }
      let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
      if ready < 0 {
        if errno == EINTR { continue }
        return -1
      }
      if descriptors[0].revents != 0, descriptors.dropFirst().allSatisfy({ $0.revents == 0 }) { break }
    }
    var first: UInt8 = 0
    guard readByte(&first) else { return -1 }
    if first == 3 { return interrupt() }
    if first == 0, EditLineReader.charactersRead == 0 {
      // A Ctrl-D typed in the instant between the prompt appearing and libedit switching the
      // terminal to raw mode reaches us as the NUL the line discipline stores for end-of-file.
      return -1
    }
    EditLineReader.charactersRead += 1
    let length = first < 0x80 ? 1 : first >> 5 == 0b110 ? 2 : first >> 4 == 0b1110 ? 3 : first >> 3 == 0b11110 ? 4 : 1
    guard length > 1 else { return Int32(first) }
    var bytes = [first]
    for _ in 1..<length {
      var next: UInt8 = 0
      guard readByte(&next), next & 0xC0 == 0x80 else { return 0xFFFD }
      bytes.append(next)
    }
    return String(decoding: bytes, as: UTF8.self).unicodeScalars.first.map { Int32($0.value) } ?? 0xFFFD
  }

  /// Ends the line as Ctrl-C does: shows `^C`, and `readLine` throws the line away.
  private static func interrupt() -> Int32 {
    wasInterrupted = true
    _ = "^C".withCString { Glibc.write(STDOUT_FILENO, $0, 2) }
    return 10
  }

  private static func readByte(_ byte: inout UInt8) -> Bool {
    while true {
      let count = read(STDIN_FILENO, &byte, 1)
      if count == 1 { return true }
      if count < 0 && errno == EINTR { continue }
      return false
    }
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
    let matches = completion.candidates(for: word, after: before)
    guard !matches.isEmpty else { return nil }
    // Entry 0 replaces the word (the longest common prefix), then the matches, then NULL; all
    // allocated with malloc, freed by libedit.
    let common = matches.dropFirst().reduce(matches[0]) { prefix, match in
      String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
    }
    gatherlab_rl_set_append_character(matches.count == 1 && !common.hasSuffix("=") ? 32 : 0)
    // libedit reads entry 2 to spot a single match, which it expects as [match, match, NULL].
    let entries = [common] + matches
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
