import Yams

/// YAML text (a lesson's front matter, a prediction block) composed into Yams nodes, cheaply.
///
/// Only the node tree is read, so the resolver is the basic one (no regular expressions), the
/// constructor is empty (Yams' default builds its tables on every call) and the encoding is given
/// (the default one reads the whole process environment, per call): together most of the cost of
/// reading a course's front matter at start-up.
enum YAMLText {
  static func compose(_ text: String) throws -> Node? {
    try Yams.compose(yaml: text, .basic, Constructor([:], [:], [:]), .utf8)
  }
}
