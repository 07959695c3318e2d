/// A value a command keeps, unfreed, until the process exits.
///
/// A command that has loaded a million cases is about to end: freeing them one object at a time
/// only delays the exit, and the kernel takes the whole address space back at once. What is held is never used again.
public final class HeldUntilExit<Value>: @unchecked Sendable {
    private let value: Value

    private init(_ value: Value) { self.value = value }

    /// Keeps `value`'s storage alive until the process exits.
    public static func hold(_ value: Value) {
        _ = Unmanaged.passRetained(HeldUntilExit(value))
    }
}
