public import Foundation

/// A format events arrive in. The spool takes a file whose name ends in a source's extension, and
/// the source reads its bytes into numbered lines, each an event or the refusal that names its
/// field. JSON Lines (`JSONLinesSource`) is the format the contract defines (docs/events.md);
/// another (an export of a patient-administrative system, say) is one more type conforming here
/// and one more entry in `EventSources.all`.
public protocol EventSource: Sendable {
    /// The ending of the names this source takes (".jsonl").
    var fileExtension: String { get }

    /// The file's lines, decoded and checked: each an event or its refusal.
    func read(path: String, contents: Data) -> EventFile
}

/// JSON Lines: one event object per line (docs/events.md), written by `EventEncoder`.
public struct JSONLinesSource: EventSource {
    /// `.jsonl`.
    public let fileExtension = ".jsonl"

    /// Creates the source.
    public init() {}

    /// The file's lines, decoded by `EventDecoder`.
    public func read(path: String, contents: Data) -> EventFile { EventFile(path: path, contents: contents) }
}

/// The event sources the spool knows.
public enum EventSources {
    /// Every source, in the order a name is matched against them.
    public static let all: [any EventSource] = [JSONLinesSource()]

    /// The source that takes a file of this name (its bytes), if any: a name that ends in the
    /// source's extension and is more than the extension, not hidden (no leading `.`).
    public static func source(forName name: some Collection<UInt8>) -> (any EventSource)? {
        guard name.first != UInt8(ascii: ".") else { return nil }
        return all.first { source in
            let ending = source.fileExtension.utf8
            return name.count > ending.count && name.suffix(ending.count).elementsEqual(ending)
        }
    }
}
