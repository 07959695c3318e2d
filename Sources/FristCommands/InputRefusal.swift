/// Input that a command refused: it exits with status 1 after printing `message` (bokmål).
public struct InputRefusal: Error, CustomStringConvertible {
    /// What was refused and why.
    public let message: String

    /// Creates a refusal with its message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}
