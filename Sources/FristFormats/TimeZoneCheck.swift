import Foundation

extension Configuration {
    /// Refuses a configuration whose time zone the machine's time zone database does not have
    /// (tzdata missing or broken, a container image without `/usr/share/zoneinfo`). Checked at
    /// start-up, so every later use of the zone can rely on it: a clear error, never a crash.
    ///
    /// Both halves of Foundation must know the zone: `TimeZone` (which can answer from ICU's
    /// built-in data) and the formatters, which read the system's zoneinfo files and trap when
    /// the file is missing.
    public func checkTimeZone() throws(FileError) {
        let environment = ProcessInfo.processInfo.environment
        let folder = environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
        let file = folder + "/" + timeZone
        guard TimeZone(identifier: timeZone) == nil || !FileManager.default.isReadableFile(atPath: file) else { return }
        throw FileError(
            path: file,
            reason:
                "tidssonen «\(timeZone)» finnes ikke i tidssonedatabasen på denne maskinen (er pakken tzdata installert?)"
        )
    }
}
