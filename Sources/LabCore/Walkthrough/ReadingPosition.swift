/// Where the learner is reading (DESIGN §5): a lesson of the course, a part of it, and the
/// furthest part of it they have reached; and where Enter, `back` and `goto` take them. A value:
/// the walkthrough shows whatever a move reaches.
///
/// ```swift
/// var position = ReadingPosition(lesson: 0)
/// position.readingOn(partCount: 3, lessonCount: 13)  // .part: lesson 0, part 1
/// ```
public struct ReadingPosition: Sendable, Equatable {
  /// The lesson's index in the catalog, from 0.
  public private(set) var lesson: Int
  /// The part being read, from 0.
  public private(set) var part: Int
  /// The furthest part of this lesson reached since arriving at it.
  public private(set) var furthest: Int

  public init(lesson: Int, part: Int = 0) {
    self.lesson = lesson
    self.part = part
    furthest = part
  }

  /// Where a move went.
  public enum Move: Sendable, Equatable {
    /// Another part of the same lesson.
    case part(ReadingPosition)
    /// Another lesson.
    case lesson(ReadingPosition)
    /// Nowhere: the start or the end of the course.
    case none
  }

  /// Whether every part of the lesson has been on screen: leaving it then marks it done.
  public func hasRead(partCount: Int) -> Bool { furthest + 1 >= partCount }

  /// Enter: the next part; after a lesson's last part, the next lesson's first; `.none` at the
  /// end of the course.
  public func readingOn(partCount: Int, lessonCount: Int) -> Move {
    if part + 1 < partCount {
      var next = self
      next.part += 1
      next.furthest = max(furthest, next.part)
      return .part(next)
    }
    return nextLesson(lessonCount: lessonCount)
  }

  /// `next`: the next lesson's first part, or `.none` after the last lesson.
  public func nextLesson(lessonCount: Int) -> Move {
    lesson + 1 < lessonCount ? .lesson(ReadingPosition(lesson: lesson + 1)) : .none
  }

  /// `back`: the previous part; from a first part, the previous lesson's last part (whose
  /// count `partCount(lesson)` gives); `.none` at the start of the course.
  public func back(partCount: (Int) -> Int) -> Move {
    if part > 0 {
      var previous = self
      previous.part -= 1
      return .part(previous)
    }
    guard lesson > 0 else { return .none }
    let last = max(partCount(lesson - 1) - 1, 0)
    return .lesson(ReadingPosition(lesson: lesson - 1, part: last))
  }
}
