/// Turns the text of a lesson file into a `Lesson`, or into the problems that stop it.
///
/// It checks what a lesson needs to exist: an `NN-id.md` file name and front matter with `id`,
/// `title` and `section` as text. It also reports the header's other problems (unknown keys,
/// malformed params) so `lint` shows them all; checks across lessons and against the demos are
/// `LessonLinter`'s.
///
/// ```swift
/// let (lesson, problems) = LessonLoader.load(LessonFile(name: "01-what-is-gather.md", text: text))
/// ```
public enum LessonLoader {
  /// How a header's YAML is read.
  public enum HeaderReading: Sendable, Equatable {
    /// By `PlainFrontMatter` when it is in the course's plain form and has no problem, else by
    /// Yams: what the course does.
    case plainWhereItCan
    /// By Yams always: what the plain reading is tested against.
    case yams
  }

  /// The lesson in `file`, or nil when it cannot be built, and every problem found on the way.
  public static func load(
    _ file: LessonFile, reading: HeaderReading = .plainWhereItCan
  ) -> (lesson: Lesson?, problems: [LessonError]) {
    var problems: [LessonError] = []
    let nameParts = file.nameParts
    if nameParts == nil {
      problems.append(LessonError(file: file.displayPath, line: 1, .badFileName))
    }
    guard let frontMatter = FrontMatter.parse(file.text, file: file.displayPath, problems: &problems, reading: reading),
      let nameParts,
      let id = frontMatter.text["id"],
      let title = frontMatter.text["title"],
      let section = frontMatter.text["section"]
    else {
      return (nil, problems)
    }
    let lesson = Lesson(
      number: nameParts.number,
      id: id,
      title: title,
      section: section,
      part: frontMatter.part,
      demo: frontMatter.text["demo"],
      params: frontMatter.params,
      fileName: file.name,
      path: file.displayPath,
      body: frontMatter.body,
      bodyStartLine: frontMatter.bodyStartLine,
      keyLines: frontMatter.lines
    )
    return (lesson, problems)
  }

  /// Whether `file`'s header is read without Yams (the plain form, with no problem).
  public static func readsHeaderPlainly(_ file: LessonFile) -> Bool {
    guard case .success(let block) = FrontMatterBlock.split(file.text) else { return false }
    return PlainFrontMatter.read(block.yaml, firstLine: FrontMatterBlock.yamlStartLine) != nil
  }
}
