import Foundation
import FristFormats
import FristService

/// The service's status file as `cases` and `status --config` read it: its bytes, or a refusal
/// that names the absolute path and what to do; and a warning when it is older than the last
/// daily run plus a margin (the service may have stopped).
struct StatusFileInput {
    /// How long after a daily run its status file may still be missing before it is stale.
    static let staleMargin: TimeInterval = 3600

    /// The absolute path read.
    let path: String
    /// The file's bytes.
    let bytes: Data

    /// Reads the file at `path` (relative to the working directory when not absolute).
    init(path given: String) throws {
        let path = URL(fileURLWithPath: given).standardizedFileURL.path
        self.path = path
        guard let bytes = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw InputRefusal(
                    "statusfilen \(path) kan ikke leses: mangler lesetilgang. Den kan leses av gruppen fristvakt; "
                        + "legg brukeren til (sudo usermod -aG fristvakt $USER) og logg inn på nytt")
            }
            throw InputRefusal(
                "statusfilen \(path) finnes ikke. Tjenesten skriver den når den har startet: sjekk "
                    + "systemctl status fristvakt, og at [paths] status i konfigurasjonen (--config) peker dit "
                    + "tjenesten skriver")
        }
        self.bytes = bytes
    }

    /// What `read` makes of the bytes; a failure is refused naming the file.
    func decode<Value>(_ read: (Data) throws -> Value) throws -> Value {
        do {
            return try read(bytes)
        } catch {
            throw InputRefusal("\(path) \(error)")
        }
    }

    /// Warns on stderr, as `command`, when `generatedAt` is before the latest daily run plus the
    /// margin, or is not a time at all.
    func warnIfStale(generatedAt: String, setup: DeadlineWatch.Setup, command: String) {
        let schedule = setup.schedule
        let due = schedule.latestRunDue(at: setup.clock.now(), margin: Self.staleMargin)
        guard let written = Timestamp.parseRFC3339(generatedAt) else {
            StandardError.write("fristvakt \(command): advarsel: \(path) har ugyldig generated_at «\(generatedAt)»\n")
            return
        }
        if written < due {
            StandardError.write(
                "fristvakt \(command): advarsel: statusfilen \(path) ble skrevet \(generatedAt), før den daglige "
                    + "varselkjøringen \(Timestamp.rfc3339(due, timeZone: schedule.timeZone)). Tallene kan være "
                    + "utdatert; sjekk at tjenesten kjører (systemctl status fristvakt).\n")
        }
    }
}
