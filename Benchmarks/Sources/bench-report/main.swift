import Foundation

/// bench-report RESULTS_FOLDER JSON_FILE: reads what `Benchmarks/run` measured, prints the table and
/// writes the figures as JSON.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: bench-report RESULTS_FOLDER JSON_FILE\n".utf8))
  exit(64)
}
do {
  let report = Report(measurements: try Measurements(folder: URL(filePath: arguments[1])))
  print(report.table)
  let data = try JSONSerialization.data(withJSONObject: report.json, options: [.prettyPrinted, .sortedKeys])
  try data.write(to: URL(filePath: arguments[2]))
} catch {
  FileHandle.standardError.write(Data("bench-report: \(error)\n".utf8))
  exit(1)
}
