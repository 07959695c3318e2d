import FristHotPaths

/// An event id or a case reference as the engine keeps it: in every event of a case's history,
/// and in every clock for as long as the clock lives (a million open clocks keep a million ids).
///
/// An identifier of up to 15 bytes is a `String` stored inline. A longer one would be a heap
/// object of about 80 bytes, retained and released on every copy; the commonest long form, a UUID
/// in its 36-character text form (RFC 9562: `8-4-4-4-12` hexadecimal digits, all lowercase or all
/// uppercase), is kept as its 128 bits instead and written out again when asked for. Any other
/// text is kept as it came. Two identifiers are equal exactly when their texts are: a UUID's text
/// always takes the packed form, and no other text does.
public struct EventIdentifier: Hashable, Sendable {
    private enum Storage: Hashable, Sendable {
        case text(String)
        case uuid(high: UInt64, low: UInt64, uppercase: Bool)
    }

    private let storage: Storage

    /// The identifier of the id `text`.
    public init(_ text: String) {
        guard text.utf8.count == 36 else {
            storage = .text(text)
            return
        }
        var text = text
        storage = text.withUTF8 { Self.packed(UnsafeRawBufferPointer($0)) } ?? .text(text)
    }

    /// The identifier of a UUID's text in these bytes, packed; nil for any other bytes (which
    /// the caller makes a `String` of, after validating them).
    init?(packing utf8: UnsafeRawBufferPointer) {
        guard let packed = Self.packed(utf8) else { return nil }
        storage = packed
    }

    /// The identifier of the text with this valid UTF-8: a UUID's packed with no `String` made
    /// of it, any other kept as a `String`.
    init(utf8: UnsafeBufferPointer<UInt8>) {
        storage = Self.packed(UnsafeRawBufferPointer(utf8)) ?? .text(String(decoding: utf8, as: UTF8.self))
    }

    /// The identifier whose key bytes (see `withKeyBytes`) these are; nil for bytes that no
    /// identifier has as its key: a packed UUID's that are not 18 bytes, name a case other than
    /// lower (0) or upper (1), or name upper case for a UUID without a letter (its text packs as
    /// lower case). Any other bytes are a text id's UTF-8, which the caller validates.
    init?(keyBytes bytes: UnsafeRawBufferPointer) {
        guard bytes.first == 0xFF else { return nil }
        guard bytes.count == 18, bytes[1] <= 1 else { return nil }
        var (high, low): (UInt64, UInt64) = (0, 0)
        for shift in 0..<8 {
            high |= UInt64(bytes[2 + shift]) << (8 * UInt64(shift))
            low |= UInt64(bytes[10 + shift]) << (8 * UInt64(shift))
        }
        let uppercase = bytes[1] == 1
        guard !uppercase || Self.hasLetter(high) || Self.hasLetter(low) else { return nil }
        storage = .uuid(high: high, low: low, uppercase: uppercase)
    }

    /// Whether any of the 16 hexadecimal digits of `bits` is a letter (a–f).
    private static func hasLetter(_ bits: UInt64) -> Bool {
        (0..<16).contains { (bits >> (4 * UInt64($0))) & 0xF >= 10 }
    }

    /// Calls `body` with the identifier's UTF-8 bytes (a packed UUID is written out on the stack,
    /// not as a `String`).
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(var text): return try text.withUTF8(body)
        case .uuid(let high, let low, let uppercase):
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { buffer in
                UUIDText.write(high: high, low: low, uppercase: uppercase, into: buffer)
                return try body(UnsafeBufferPointer(buffer))
            }
        }
    }

    /// Calls `body` with bytes that are equal exactly when the identifiers are: a text id's UTF-8,
    /// or for a packed UUID the byte 0xFF (never part of UTF-8, so no text has the same bytes),
    /// its case and its 16 bytes. Half a UUID's text, and nothing is written out.
    func withKeyBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        switch storage {
        case .text(var text): return try text.withUTF8(body)
        case .uuid(let high, let low, let uppercase):
            return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { buffer in
                buffer[0] = 0xFF
                buffer[1] = uppercase ? 1 : 0
                for shift in 0..<8 {
                    buffer[2 + shift] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(shift)))
                    buffer[10 + shift] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(shift)))
                }
                return try body(UnsafeBufferPointer(buffer))
            }
        }
    }

    /// The id's text.
    public var text: String {
        switch storage {
        case .text(let text): return text
        case .uuid(let high, let low, let uppercase): return Self.uuidText(high: high, low: low, uppercase: uppercase)
        }
    }

    /// Whether the id is kept as a UUID's 128 bits.
    var isPacked: Bool {
        if case .uuid = storage { return true }
        return false
    }

    /// The packed form of a UUID's text, or nil for any other bytes (`UUIDText`: every event's id
    /// and case pass here). A UUID with both lower- and uppercase letters is kept as text: its
    /// text could not be written back from the bits and one case.
    private static func packed(_ utf8: UnsafeRawBufferPointer) -> Storage? {
        guard let (high, low, letters) = UUIDText.parse(utf8.assumingMemoryBound(to: UInt8.self)),
            letters != [.lowercase, .uppercase]
        else { return nil }
        return .uuid(high: high, low: low, uppercase: letters == .uppercase)
    }

    /// A UUID's text from its 128 bits.
    private static func uuidText(high: UInt64, low: UInt64, uppercase: Bool) -> String {
        String(unsafeUninitializedCapacity: 36) { buffer in
            UUIDText.write(high: high, low: low, uppercase: uppercase, into: buffer)
            return 36
        }
    }
}
