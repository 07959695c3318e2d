import Foundation
import FristEngine
import FristFormats
import Testing

/// A file larger than one decoding chunk is decoded beside its consumer: its lines must still
/// come in order, with their numbers, each decoded as on its own.
@Suite("Event files in chunks")
struct EventFileChunkTests {
    @Test("40 000 lines with blank and bad ones across chunk borders: order, numbers and results kept")
    func chunkedFileKeepsOrder() {
        var lines: [String] = []
        for index in 0..<40_000 {
            switch index % 997 {
            case 0: lines.append("")
            case 1:
                lines.append(
                    #"{"id":"bad\#(index)","type":"referral.received","case":"C\#(index)","date":"2026-02-30"}"#)
            case 2: lines.append("not json \(index)\r")
            default:
                lines.append(
                    #"{"id":"e\#(index)","type":"referral.received","case":"C\#(index)","date":"2026-11-23"}"#)
            }
        }
        let text = lines.joined(separator: "\n")
        var seen: [EventFile.Line] = []
        var prepared = 0
        EventFile.forEachLine(of: Data(text.utf8), prepare: { prepared = $0.count }) { seen.append($0) }
        #expect(prepared == lines.count)
        let expected = lines.enumerated().filter { !$0.element.isEmpty }
        #expect(seen.map(\.number) == expected.map { $0.offset + 1 })
        for (line, (_, source)) in zip(seen, expected) {
            let alone = Result { () throws(EventRefusal) in
                try EventDecoder.decode(Array(source.utf8).dropLast(source.hasSuffix("\r") ? 1 : 0))
            }
            #expect(line.result == alone, "line \(line.number)")
        }
    }
}
