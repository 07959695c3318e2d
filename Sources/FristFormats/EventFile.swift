import Dispatch
public import Foundation
public import FristEngine
public import FristHotPaths
import Glibc

/// A JSON Lines file of events, decoded line by line: one bad line never hides its neighbours.
public struct EventFile: Sendable {
    /// One line's result.
    public struct Line: Sendable {
        /// The 1-based line number.
        public let number: Int
        /// The decoded event, or why the line was refused.
        public let result: Result<Event, EventRefusal>
        /// Where the line's bytes are in the file's buffer (without its line break): a range, not
        /// a slice, so that handing a line from the reader's thread to its consumer's counts no
        /// reference to the buffer on either (`EventFile.text(of:)` reads the text).
        let range: Range<Int>
        /// What the reader found about the earlier lines with this event's id, when it tracked
        /// ids (`forEachLine(of:trackingIDs:…)`).
        public internal(set) var earlier: IDOccurrences.Earlier = .untracked
    }

    /// The file's path, as given.
    public let path: String
    /// Every non-blank line.
    public let lines: [Line]
    /// The file's bytes.
    private let contents: Data

    /// Decodes text that came from `path`. Blank lines are skipped.
    public init(path: String, contents: Data) {
        self.path = path
        self.contents = contents
        var lines: [Line] = []
        Self.forEachLine(of: contents) { lines.append($0) }
        self.lines = lines
    }

    /// One of this file's lines as written (without its line break); invalid UTF-8 is shown with
    /// U+FFFD. Made on demand: most lines are never shown or stored as text.
    public func text(of line: Line) -> String {
        let base = contents.startIndex
        return String(
            decoding: contents[(base + line.range.lowerBound)..<(base + line.range.upperBound)], as: UTF8.self)
    }

    /// The lines of a file being read, by number: what `forEachLine` hands `prepare` before the
    /// first line. Any line's event can be decoded again from it while the file's bytes are
    /// there (`status --events` reads a case's events back this way).
    public struct LineIndex: Sendable {
        let contents: Data
        let ranges: [Range<Int>]

        /// The number of lines, blank ones included.
        public var count: Int { ranges.count }

        /// The event on line `number` (from 1) decoded again; nil for a blank or refused line.
        public func event(onLine number: Int) -> Event? {
            contents.withUnsafeBytes { raw in
                let line = EventFile.line(ranges[number - 1], in: raw.assumingMemoryBound(to: UInt8.self))
                return try? EventDecoder.decode(line.bytes)
            }
        }
    }

    /// Decodes each non-blank line of `contents` in order and hands it to `body` as it goes, so a
    /// caller that needs each event only once (`status`) never holds them all. `prepare` learns
    /// the lines (their number, blank ones included) first, to size its tables. With `trackingIDs`,
    /// each line's `earlier` is found where the lines are decoded (see `IDOccurrences`), if the
    /// first chunk's ids make that worth it (`IDOccurrences.worthTracking`).
    public static func forEachLine(
        of contents: Data, prepare: (LineIndex) -> Void = { _ in }, trackingIDs: Bool = false,
        releasing release: (_ upTo: Int) -> Void = { _ in }, _ body: (Line) -> Void
    ) {
        // Line ends found in the file's buffer (memchr), each line decoded from its bytes there.
        let ranges = contents.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Range<Int>] in
            EventFile.lineRanges(raw)
        }
        prepare(LineIndex(contents: contents, ranges: ranges))
        let chunks = stride(from: 0, to: ranges.count, by: decodeChunk).map {
            $0..<min($0 + decodeChunk, ranges.count)
        }
        var tracker = IDTracker(wanted: trackingIDs, expecting: ranges.count)
        guard chunks.count > 1 else {
            tracker.note(decode(contents, ranges, 0..<ranges.count)).forEach(body)
            return
        }
        // A large file (a `status` or `simulate` input): the next chunk of lines is decoded on a
        // thread of its own while `body` takes this one, in order, on the caller's thread.
        let handoff = ChunkHandoff<Line>(capacity: 1)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread { [tracker] in
            var tracker = tracker
            for chunk in chunks where !handoff.put(tracker.note(decode(contents, ranges, chunk))) { break }
            handoff.finish(nil)
            done.signal()
        }
        // The producer never fails, and this consumer never cancels. Each chunk taken, the bytes
        // before it may go (`release`): the lines hold their events, not their text.
        while let lines = try? handoff.take() {
            lines.forEach(body)
            if let last = lines.last { release(ranges[last.number - 1].upperBound) }
        }
        done.wait()
    }

    /// UTF-8's byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Lines per chunk when a file is decoded beside its consumer.
    private static let decodeChunk = 16_384

    /// Notes the ids of a file's decoded lines, chunk by chunk in order, if they were asked for and
    /// the first chunk shows them worth it; the decision holds for the whole file.
    private struct IDTracker {
        private var occurrences: IDOccurrences?
        private var undecided: Bool
        private let expected: Int

        init(wanted: Bool, expecting lines: Int) {
            (undecided, expected) = (wanted, lines)
        }

        /// The chunk's lines, each with its `earlier` when ids are tracked (the chunk is taken
        /// over and changed in place, not copied).
        mutating func note(_ lines: consuming [Line]) -> [Line] {
            if undecided {
                undecided = false
                let events = lines.lazy.compactMap { try? $0.result.get() }
                if IDOccurrences.worthTracking(events) { occurrences = IDOccurrences(expecting: expected) }
            }
            guard occurrences != nil else { return lines }
            for index in lines.indices {
                if case .success(let event) = lines[index].result,
                    let earlier = occurrences?.note(event, line: lines[index].number)
                {
                    lines[index].earlier = earlier
                }
            }
            return lines
        }
    }

    /// The non-blank lines among `ranges[lines]`, decoded from the file's buffer in place.
    private static func decode(_ contents: Data, _ ranges: [Range<Int>], _ lines: Range<Int>) -> [Line] {
        var decoded: [Line] = []
        decoded.reserveCapacity(lines.count)
        contents.withUnsafeBytes { raw in
            let buffer = raw.assumingMemoryBound(to: UInt8.self)
            for offset in lines {
                let (line, range) = Self.line(ranges[offset], in: buffer)
                if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
                let result: Result<Event, EventRefusal>
                do throws(EventRefusal) {
                    result = .success(try EventDecoder.decode(line))
                } catch {
                    result = .failure(error)
                }
                decoded.append(Line(number: offset + 1, result: result, range: range))
            }
        }
        return decoded
    }

    /// A line's bytes in the file's buffer, without a carriage return before its line break (a
    /// file from Windows), and their range.
    private static func line(
        _ range: Range<Int>, in buffer: UnsafeBufferPointer<UInt8>
    ) -> (bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) {
        var range = range
        if range.upperBound > range.lowerBound, buffer[range.upperBound - 1] == UInt8(ascii: "\r") {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        return (UnsafeBufferPointer(rebasing: buffer[range]), range)
    }

    /// The file at `path` mapped into memory, with the function that gives back the pages before
    /// an offset once they are read (`MappedFile`); read into memory when it cannot be mapped.
    public static func mapped(_ path: String) throws(FileError) -> (contents: Data, release: (Int) -> Void) {
        guard let file = MappedFile(path: path), let base = file.bytes.baseAddress else {
            return (try contents(of: path), { _ in })
        }
        let contents = Data(
            bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: file.bytes.count,
            deallocator: .custom { _, _ in withExtendedLifetime(file) {} })
        return (contents, file.release(upTo:))
    }

    /// Reads a file's bytes.
    public static func contents(of path: String) throws(FileError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, reason: "kan ikke leses (finnes ikke, eller mangler tilgang)")
        }
        return data
    }

    /// The range of each line in `raw` (line breaks excluded; a final line without a break too),
    /// found with `memchr`.
    private static func lineRanges(_ raw: UnsafeRawBufferPointer) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        guard let base = raw.baseAddress else { return [0..<0] }
        // A byte order mark before the first line (Windows tools write one) is not part of it.
        var start = raw.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        while true {
            let found = memchr(base + start, 0x0A, raw.count - start)
            guard let found else {
                ranges.append(start..<raw.count)
                return ranges
            }
            let end = UnsafeRawPointer(found) - base
            ranges.append(start..<end)
            start = end + 1
        }
    }

    /// Reads and decodes a file.
    public init(path: String) throws(FileError) {
        self.init(path: path, contents: try Self.contents(of: path))
    }

    /// `FILE:LINE: reason` for a refusal.
    public func describe(_ refusal: EventRefusal, line: Int) -> String {
        Self.describe(refusal, path: path, line: line)
    }

    /// `FILE:LINE: reason` for a refusal in the file at `path`.
    public static func describe(_ refusal: EventRefusal, path: String, line: Int) -> String {
        "\(path):\(line): \(refusal)"
    }
}

/// A file that could not be read or parsed as a whole.
public struct FileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public let path: String
    /// Why, in bokmål.
    public let reason: String

    /// Creates the error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `FILE: reason`.
    public var description: String { "\(path): \(reason)" }
}
