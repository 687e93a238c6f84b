import Testing

func squaresThroughAStream() async -> [Int] {
  let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
  let producer = Task {
    for number in 1...4 {
      continuation.yield(number)
    }
    continuation.finish()
  }
  var squares: [Int] = []
  for await number in stream {
    squares.append(number * number)
  }
  await producer.value
  return squares
}

@Suite(.timeLimit(.minutes(1)))
struct Lesson19Snippets {
  @Test func theStreamCarriesEveryElementUntilFinish() async {
    #expect(await squaresThroughAStream() == [1, 4, 9, 16])
  }
}
