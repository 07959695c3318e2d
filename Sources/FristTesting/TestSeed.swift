/// The seed of a randomised test: `FRISTVAKT_TEST_SEED` when set (to replay a failure), else a
/// fresh one. The test prints it, so any failure names the seed that replays it.
public enum TestSeed {
    /// The environment variable that fixes the seed.
    public static let environmentKey = "FRISTVAKT_TEST_SEED"

    /// The seed for a test named `name`, printed with the command that replays it.
    public static func make(_ name: String, environment: [String: String]) -> UInt64 {
        let seed = environment[environmentKey].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("\(name): seed \(seed) (replay with \(environmentKey)=\(seed))")
        return seed
    }
}
