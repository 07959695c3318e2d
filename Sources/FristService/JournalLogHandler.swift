public import Logging

/// swift-log's handler for the service's own operational logging: each record becomes one
/// journal entry (MESSAGE, PRIORITY, SYSLOG_IDENTIFIER, CODE_* and the metadata as fields named
/// `[A-Z0-9_]`), or one logfmt line on stderr where there is no journal.
public struct JournalLogHandler: LogHandler {
    private let journal: any JournalSink
    private let identifier: String
    /// Metadata attached to every record.
    public var metadata: Logger.Metadata = [:]
    /// The lowest level logged.
    public var logLevel: Logger.Level = .info

    /// A handler writing to `journal` under `SYSLOG_IDENTIFIER=identifier`.
    public init(journal: any JournalSink, identifier: String = "fristvakt") {
        self.journal = journal
        self.identifier = identifier
    }

    /// Metadata by key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes one record.
    public func log(event: LogEvent) {
        var fields: [(name: String, value: String)] = [
            ("MESSAGE", event.message.description),
            ("PRIORITY", String(Self.priority(event.level))),
            ("SYSLOG_IDENTIFIER", identifier),
            ("CODE_FILE", event.file),
            ("CODE_LINE", String(event.line)),
            ("CODE_FUNC", event.function),
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() {
            fields.append((Journal.fieldName(key), merged[key]!.description))
        }
        if journal.writesLogfmtLines {
            // The fallback line keeps what a reader of a terminal needs.
            fields.removeAll { $0.name.hasPrefix("CODE_") || $0.name == "SYSLOG_IDENTIFIER" }
            fields.insert(("LEVEL", event.level.rawValue), at: 0)
        }
        journal.send(fields)
    }

    /// syslog priorities.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
