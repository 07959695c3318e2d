import ArgumentParser
import Foundation
import FristFormats

/// The event decoder alone: every line of a JSON Lines file decoded on one thread, three times,
/// with the lines already in memory (what intake, restart and `status --events` pay per line).
struct DecoderBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decoder", abstract: "Decodes every line of an event file on one thread, three rounds.")

    @Argument(help: "A JSON Lines event file (bench/compare-status writes one).") var path: String

    func run() throws {
        let contents = try EventFile.contents(of: path)
        let bytes = [UInt8](contents)
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<index)
            start = index + 1
        }
        for round in 1...3 {
            var accepted = 0
            let (_, seconds) = Measurement.time { () -> Void in
                bytes.withUnsafeBufferPointer { buffer in
                    for line in lines
                    where (try? EventDecoder.decode(UnsafeBufferPointer(rebasing: buffer[line]))) != nil {
                        accepted += 1
                    }
                }
            }
            print(
                "round \(round): \(lines.count) lines (\(accepted) accepted) in \(String(format: "%.3f", seconds)) s, "
                    + "\(Measurement.rate(lines.count, seconds)) lines")
        }
    }
}
