/// Why an event was refused: the field at fault (nil when the event as a whole is) and the
/// reason in bokmål. The caller adds the file and line.
public struct EventRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field at fault, or nil.
    public let field: String?
    /// Why, in bokmål.
    public let reason: String

    /// Creates a refusal.
    public init(field: String?, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    /// `felt «date»: reason`, or the reason alone.
    public var description: String {
        if let field { return "felt «\(field)»: \(reason)" }
        return reason
    }
}
