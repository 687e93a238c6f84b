import Foundation

/// The course's exercises for a command that may never need them whole (the walkthrough): the
/// summaries at once, the full catalog (checks, hints, programs) parsed the first time it is
/// asked for, so the first prompt does not pay for it.
public final class ExerciseCatalogLoader: @unchecked Sendable {
  /// What the lesson parts and the end of the course show; empty when none can be read.
  public let summaries: [ExerciseSummary]
  private let parse: @Sendable () -> ExerciseCatalog?
  private let lock = NSLock()
  private var parsed: ExerciseCatalog??

  public init(summaries: [ExerciseSummary], parse: @escaping @Sendable () -> ExerciseCatalog?) {
    self.summaries = summaries
    self.parse = parse
  }

  /// An already parsed catalog.
  public convenience init(_ catalog: ExerciseCatalog) {
    self.init(summaries: catalog.exercises.map(\.summary)) { catalog }
  }

  /// The files' summaries now and their full parse when first asked for; nil when the
  /// summaries cannot be read (a broken set, which `lint` reports).
  public convenience init?(files: @escaping @Sendable () -> [ExerciseCatalog.Files], summaryFiles: [ExerciseCatalog.Files]) {
    guard let summaries = ExerciseSummary.read(summaryFiles) else { return nil }
    self.init(summaries: summaries) { try? ExerciseCatalog.load(files()).get() }
  }

  /// Whether the full parse has run (tests check that the first prompt does not run it).
  public var hasParsed: Bool { lock.withLock { parsed != nil } }

  /// The full catalog, parsed on first use; nil if it has a problem.
  public var catalog: ExerciseCatalog? {
    lock.withLock {
      if let parsed { return parsed }
      let catalog = parse()
      parsed = .some(catalog)
      return catalog
    }
  }

  /// The summary of the exercise that ends this lesson.
  public func summary(forLesson lesson: String) -> ExerciseSummary? {
    summaries.first { $0.lesson == lesson }
  }
}
