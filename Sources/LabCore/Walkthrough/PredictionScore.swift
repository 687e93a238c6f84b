/// A lesson's (or the course's) predictions: how many there are, answered, and answered right.
public struct PredictionScore: Sendable, Equatable {
  public var total: Int
  public var asked: Int
  public var right: Int

  public init(total: Int, asked: Int, right: Int) {
    self.total = total
    self.asked = asked
    self.right = right
  }

  /// The score of `lesson`, from the answers progress keeps (`LESSON/ID` → record).
  public init(of lesson: Lesson, answers: [String: PredictionRecord]) {
    // With no answer for this lesson, counting its predict blocks is enough: `list` stays fast.
    let prefix = lesson.id + "/"
    guard answers.keys.contains(where: { $0.hasPrefix(prefix) }) else {
      self.init(total: lesson.predictionCount, asked: 0, right: 0)
      return
    }
    let keys = PredictionParser.predictions(in: lesson).predictions.map { $0.key(lesson: lesson) }
    let records = keys.compactMap { answers[$0] }
    self.init(total: keys.count, asked: records.count, right: records.filter(\.correct).count)
  }

  public static let zero = PredictionScore(total: 0, asked: 0, right: 0)

  public static func + (lhs: PredictionScore, rhs: PredictionScore) -> PredictionScore {
    PredictionScore(total: lhs.total + rhs.total, asked: lhs.asked + rhs.asked, right: lhs.right + rhs.right)
  }

  /// "2/3": right out of the lesson's predictions; nil for a lesson without any.
  public var text: String? { total > 0 ? "\(right)/\(total)" : nil }
}
