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
  /// The lesson in `file`, or nil when it cannot be built, and every problem found on the way.
  public static func load(_ file: LessonFile) -> (lesson: Lesson?, problems: [LessonError]) {
    var problems: [LessonError] = []
    let nameParts = file.nameParts
    if nameParts == nil {
      problems.append(LessonError(file: file.displayPath, line: 1, .badFileName))
    }
    guard let frontMatter = FrontMatter.parse(file.text, file: file.displayPath, problems: &problems),
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
}
