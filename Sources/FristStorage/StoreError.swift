/// Why a store cannot be used, in bokmål with the way out: the message an operator reads.
public struct StoreError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
