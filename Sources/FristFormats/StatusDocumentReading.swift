import Foundation

/// What a reader of the status file decodes of it: whatever it needs, and the schema.
protocol StatusDocumentPart: Decodable {
    var schema: String { get }
}

extension StatusDocument {
    /// The part of a status file's bytes a reader needs; throws a message (bokmål) when the bytes
    /// are not a status document of this schema.
    static func read<Part: StatusDocumentPart>(_ type: Part.Type, from bytes: Data) throws(WorklistError) -> Part {
        let part: Part
        do {
            part = try JSONDecoder().decode(Part.self, from: bytes)
        } catch {
            throw WorklistError("er ikke et statusdokument (\(error))")
        }
        guard part.schema == StatusDocument.schema else {
            throw WorklistError("har skjemaet «\(part.schema)», ventet «\(StatusDocument.schema)»")
        }
        return part
    }
}
