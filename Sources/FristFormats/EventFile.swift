public import Foundation
public import FristEngine

/// A JSON Lines file of events, decoded line by line: one bad line never hides its neighbours.
public struct EventFile: Sendable {
    /// One line's result.
    public struct Line: Sendable {
        /// The 1-based line number.
        public let number: Int
        /// The decoded event, or why the line was refused.
        public let result: Result<Event, EventRefusal>
        /// The line's bytes as written (without its line break), shared with the file's buffer.
        let bytes: Data

        /// The line as written (without its line break); invalid UTF-8 is shown with U+FFFD.
        /// Made on demand: most lines are never shown or stored as text.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The file's path, as given.
    public let path: String
    /// Every non-blank line.
    public let lines: [Line]

    /// Decodes text that came from `path`. Blank lines are skipped.
    public init(path: String, contents: Data) {
        self.path = path
        var lines: [Line] = []
        var number = 0
        for slice in contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            var bytes = slice[...]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            let result: Result<Event, EventRefusal>
            do {
                result = .success(try EventDecoder.decode(bytes))
            } catch {
                result = .failure(error)
            }
            lines.append(Line(number: number, result: result, bytes: bytes))
        }
        self.lines = lines
    }

    /// Reads and decodes a file.
    public init(path: String) throws(FileError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, reason: "kan ikke leses (finnes ikke, eller mangler tilgang)")
        }
        self.init(path: path, contents: data)
    }

    /// `FILE:LINE: reason` for a refusal.
    public func describe(_ refusal: EventRefusal, line: Int) -> String {
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
