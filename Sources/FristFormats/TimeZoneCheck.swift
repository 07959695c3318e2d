import Foundation

extension Configuration {
    /// Refuses a configuration whose time zone the machine's time zone database does not have
    /// (tzdata missing or broken, a container image without `/usr/share/zoneinfo`). Checked at
    /// start-up, so every later use of the zone can rely on it: a clear error, never a crash.
    public func checkTimeZone() throws(FileError) {
        guard TimeZone(identifier: timeZone) == nil else { return }
        throw FileError(
            path: "tidssone",
            reason: "«\(timeZone)» finnes ikke i tidssonedatabasen på denne maskinen (er pakken tzdata installert?)")
    }
}
