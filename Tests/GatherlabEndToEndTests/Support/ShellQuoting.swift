/// A command as a person would type it in a shell, for messages: `sh -c 'echo hi; exit 4'`.
func shellQuoted(_ words: [String]) -> String {
  words.map { word in
    let plain = !word.isEmpty && word.allSatisfy { character in
      character.isASCII && (character.isLetter || character.isNumber || "-_./=:,+@%".contains(character))
    }
    return plain ? word : "'" + word.replacing("'", with: #"'\''"#) + "'"
  }.joined(separator: " ")
}
