import ArgumentParser
import Foundation
import LabCore

extension LessonOptions {
  /// `directory` (`--lessons DIR`, `lint DIR`) if given, else the lessons installed next to the
  /// binary, else the built-in ones.
  static func source(directory: String?) -> LessonSource {
    directory.map(LessonSource.directory) ?? .bundled(executablePath: executablePath())
  }

  /// The lesson catalog, for `show`, `list` and the walkthrough. Unreadable or broken lessons are
  /// reported on stderr and end the program with exit code 65.
  func loadCatalog() throws -> LessonCatalog {
    try Self.loadCatalog(directory: lessonsDirectory)
  }

  static func loadCatalog(directory: String?) throws -> LessonCatalog {
    do {
      return try LessonCatalog.load(from: source(directory: directory))
    } catch {
      StandardError.write(error.description)
      throw ExitCode(65)
    }
  }
}


/// The absolute path of the running binary (symbolic links resolved), to find installed lessons.
func executablePath() -> String? {
  #if os(Linux)
  var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
  let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
  if length > 0 { return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
  #endif
  return Bundle.main.executablePath
}
