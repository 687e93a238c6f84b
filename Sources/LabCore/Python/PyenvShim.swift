import Foundation

/// pyenv's shim for `python3`, resolved as `pyenv exec` would resolve it, without running it: the
/// shim is a bash script that runs pyenv's own scripts before CPython (tens of milliseconds, as
/// much as CPython's start-up), and gatherlab would pay it on every `compare` and `trace`.
///
/// Only the plain cases are resolved — `PYENV_VERSION`, else the nearest `.python-version` from
/// `PYENV_DIR` or the working directory up, else `$PYENV_ROOT/version`, naming installed versions
/// exactly; anything else (`system`, a prefix such as `3.11`, a version not installed) is nil,
/// and gatherlab runs the shim itself, which is slower but always what the learner's shell does.
///
/// ```swift
/// PyenvShim.resolve("/root/.pyenv/shims/python3", environment: [:], directory: "/work")
/// // "/root/.pyenv/versions/3.11.7/bin/python3"
/// ```
public enum PyenvShim {
  /// The interpreter `shim` would run, or nil when it is not a pyenv shim or not a plain case.
  public static func resolve(_ shim: String, environment: [String: String], directory: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: shim) else { return nil }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: 1024), let text = String(data: head, encoding: .utf8),
      text.hasPrefix("#!"), text.contains("/libexec/pyenv\" exec \"$program\""),
      let root = quoted(after: "export PYENV_ROOT=\"", in: text)
    else { return nil }
    let program = shim.split(separator: "/").last.map(String.init) ?? shim
    guard let versions = versions(root: root, environment: environment, directory: directory), !versions.isEmpty else { return nil }
    for version in versions {
      // `system`, a path or a prefix pyenv would expand: leave it to pyenv.
      guard version != "system", !version.contains("/"), version != ".." else { return nil }
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: root + "/versions/" + version, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
      let candidate = root + "/versions/" + version + "/bin/" + program
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The versions pyenv would try, in order; nil when none is set (pyenv's `system`).
  static func versions(root: String, environment: [String: String], directory: String) -> [String]? {
    if let named = environment["PYENV_VERSION"], !named.isEmpty {
      return named.split(separator: ":").map(String.init)
    }
    var starts = [environment["PYENV_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? directory]
    if starts[0] != directory { starts.append(directory) }
    for start in starts {
      var folder = start
      while true {
        let file = (folder.hasSuffix("/") ? folder : folder + "/") + ".python-version"
        if FileManager.default.fileExists(atPath: file) { return read(file) }
        guard folder != "/", let slash = folder.lastIndex(of: "/") else { break }
        folder = slash == folder.startIndex ? "/" : String(folder[..<slash])
      }
    }
    return read(root + "/version")
  }

  /// A version file's versions: the first word of each line, without blank lines and comments.
  static func read(_ file: String) -> [String]? {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
    let versions = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
      guard let word = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).first, !word.hasPrefix("#") else { return nil }
      return String(word)
    }
    return versions.isEmpty ? nil : versions
  }

  private static func quoted(after prefix: String, in text: String) -> String? {
    guard let start = text.range(of: prefix)?.upperBound, let end = text[start...].firstIndex(of: "\"") else { return nil }
    let value = String(text[start..<end])
    return value.hasPrefix("/") && !value.contains("$") ? value : nil
  }
}
