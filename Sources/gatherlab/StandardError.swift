import Foundation

/// Where error sentences go: stderr, one line each, never mixed into the command's output.
enum StandardError {
  static func write(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
  }
}
