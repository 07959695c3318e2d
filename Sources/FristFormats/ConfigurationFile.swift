import Foundation
import FristCalendar
import FristEngine
import TOMLKit

/// Reads `fristvakt.toml` (docs/configuration.md). Every key is optional; an unknown key, a wrong type or
/// a bad value is refused with the file, the key and the reason, and nothing of the file applies.
public enum ConfigurationFile {
    /// The default path.
    public static let defaultPath = "/etc/fristvakt/fristvakt.toml"

    /// Reads and parses a configuration file.
    public static func load(path: String) throws(FileError) -> Configuration {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FileError(path: path, reason: "kan ikke leses (finnes ikke, eller mangler tilgang)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileError(path: path, reason: "er ikke gyldig UTF-8")
        }
        return try parse(text, path: path)
    }

    /// Parses configuration text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(FileError) -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw FileError(path: path, reason: "linje \(error.source.begin.line): ugyldig TOML: \(error.description)")
        } catch {
            throw FileError(path: path, reason: "ugyldig TOML")
        }
        do {
            return try read(table)
        } catch {
            throw FileError(path: path, reason: "\(error)")
        }
    }

    /// A key whose value was refused.
    struct KeyError: Error, CustomStringConvertible {
        let key: String
        let reason: String
        var description: String { "nøkkel «\(key)»: \(reason)" }
    }

    private static func read(_ root: TOMLTable) throws(KeyError) -> Configuration {
        var configuration = Configuration()
        let top = TableReader(table: root, prefix: "")
        try top.refuseUnknown([
            "time_zone", "daily_alert_time", "calendar", "reminders", "warning_windows", "status", "retention",
            "paths", "storage", "cluster",
        ])
        if let zone = try top.string("time_zone") {
            guard TimeZone(identifier: zone) != nil else {
                throw KeyError(key: "time_zone", reason: "ukjent tidssone «\(zone)»")
            }
            configuration.timeZone = zone
        }
        if let time = try top.string("daily_alert_time") {
            guard let parsed = TimeOfDay(parsing: time) else {
                throw KeyError(key: "daily_alert_time", reason: "«\(time)» er ikke et klokkeslett TT:MM")
            }
            configuration.dailyAlertTime = parsed
        }
        if let calendar = try top.table("calendar") {
            try calendar.refuseUnknown(["saturday_is_working_day", "extra_closed_dates", "extra_closed_days"])
            if let saturday = try calendar.bool("saturday_is_working_day") {
                configuration.engine.calendar.saturdayIsWorkingDay = saturday
            }
            configuration.engine.calendar.extraClosedDates = Set(try calendar.dates("extra_closed_dates"))
            var days: Set<ExtraClosedDay> = []
            for name in try calendar.strings("extra_closed_days") {
                guard let day = ExtraClosedDay(rawValue: name) else {
                    let allowed = ExtraClosedDay.allCases.map { "«\($0.rawValue)»" }.joined(separator: ", ")
                    throw KeyError(key: "calendar.extra_closed_days", reason: "«\(name)» er ikke en av \(allowed)")
                }
                days.insert(day)
            }
            configuration.engine.calendar.extraClosedDays = days
        }
        if let reminders = try top.table("reminders") {
            try reminders.refuseUnknown(["interval_working_days"])
            if let interval = try reminders.integer("interval_working_days", in: 1...250) {
                configuration.engine.reminderIntervalWorkingDays = interval
            }
        }
        if let windows = try top.table("warning_windows") {
            try windows.refuseUnknown(RuleID.allCases.map(\.rawValue))
            for rule in RuleID.allCases {
                if let window = try windows.integer(rule.rawValue, in: 0...366) {
                    configuration.engine.warningWindows[rule] = window
                }
            }
        }
        if let status = try top.table("status") {
            try status.refuseUnknown(["include_running", "mode"])
            if let running = try status.bool("include_running") { configuration.statusIncludesRunning = running }
            if let mode = try status.string("mode") {
                guard mode.count == 4, let bits = Int(mode, radix: 8), bits & ~0o777 == 0 else {
                    throw KeyError(key: "status.mode", reason: "«\(mode)» er ikke en oktal filmodus som «0640»")
                }
                configuration.statusMode = bits
            }
        }
        if let retention = try top.table("retention") {
            try retention.refuseUnknown(["processed_days", "rejected_days"])
            if let days = try retention.integer("processed_days", in: 0...3650) {
                configuration.retention.processedDays = days
            }
            if let days = try retention.integer("rejected_days", in: 0...3650) {
                configuration.retention.rejectedDays = days
            }
        }
        if let paths = try top.table("paths") {
            try paths.refuseUnknown(["spool", "state", "status", "metrics", "report"])
            configuration.spoolPath = try paths.path("spool")
            configuration.statePath = try paths.path("state")
            configuration.statusPath = try paths.path("status")
            configuration.metricsPath = try paths.path("metrics")
            configuration.reportPath = try paths.path("report")
            if let metrics = configuration.metricsPath, !metrics.hasSuffix(".prom") {
                throw KeyError(
                    key: "paths.metrics",
                    reason: "«\(metrics)» må slutte på .prom (node_exporter leser bare slike filer)")
            }
        }
        if let storage = try top.table("storage") {
            try storage.refuseUnknown(["url"])
            if let url = try storage.path("url") {
                do {
                    configuration.storageURL = try PostgresURL(parsing: url)
                } catch {
                    throw KeyError(key: "storage.url", reason: error.description)
                }
            }
        }
        if let cluster = try top.table("cluster") {
            try cluster.refuseUnknown(["node", "lease_seconds", "renew_seconds"])
            configuration.cluster.node = try cluster.path("node")
            if let lease = try cluster.integer("lease_seconds", in: 2...300) {
                configuration.cluster.leaseSeconds = lease
            }
            if let renew = try cluster.integer("renew_seconds", in: 1...60) {
                configuration.cluster.renewSeconds = renew
            }
            guard configuration.cluster.renewSeconds * 2 <= configuration.cluster.leaseSeconds else {
                throw KeyError(
                    key: "cluster.renew_seconds", reason: "må være høyst halvparten av cluster.lease_seconds")
            }
        }
        return configuration
    }
}

/// Typed, named access to one TOML table.
private struct TableReader {
    let table: TOMLTable
    let prefix: String

    func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }

    func refuseUnknown(_ known: [String]) throws(ConfigurationFile.KeyError) {
        if let unknown = table.keys.sorted().first(where: { !known.contains($0) }) {
            throw .init(key: name(unknown), reason: "ukjent nøkkel")
        }
    }

    func wrongType(_ key: String, _ expected: String) -> ConfigurationFile.KeyError {
        .init(key: name(key), reason: "skal være \(expected)")
    }

    func table(_ key: String) throws(ConfigurationFile.KeyError) -> TableReader? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw wrongType(key, "en tabell [\(name(key))]") }
        return TableReader(table: inner, prefix: name(key))
    }

    func string(_ key: String) throws(ConfigurationFile.KeyError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw wrongType(key, "tekst") }
        return text
    }

    func path(_ key: String) throws(ConfigurationFile.KeyError) -> String? {
        guard let text = try string(key) else { return nil }
        guard !text.isEmpty else { throw .init(key: name(key), reason: "kan ikke være tom") }
        return text
    }

    func bool(_ key: String) throws(ConfigurationFile.KeyError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let flag = value.bool else { throw wrongType(key, "true eller false") }
        return flag
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws(ConfigurationFile.KeyError) -> Int? {
        guard let value = table[key] else { return nil }
        guard let number = value.int else { throw wrongType(key, "et heltall") }
        guard range.contains(number) else {
            throw .init(key: name(key), reason: "\(number) er utenfor \(range.lowerBound)–\(range.upperBound)")
        }
        return number
    }

    func strings(_ key: String) throws(ConfigurationFile.KeyError) -> [String] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw wrongType(key, "en liste med tekst") }
        var result: [String] = []
        for element in array {
            guard let text = element.string else { throw wrongType(key, "en liste med tekst") }
            result.append(text)
        }
        return result
    }

    /// Dates, written either as TOML dates (`2026-12-24`) or strings (`"2026-12-24"`).
    func dates(_ key: String) throws(ConfigurationFile.KeyError) -> [CalendarDate] {
        guard let value = table[key] else { return [] }
        guard let array = value.array else { throw wrongType(key, "en liste med datoer") }
        var result: [CalendarDate] = []
        for element in array {
            do {
                if let date = element.date {
                    result.append(try CalendarDate(year: date.year, month: date.month, day: date.day))
                } else if let text = element.string {
                    result.append(try CalendarDate(parsing: text))
                } else {
                    throw wrongType(key, "en liste med datoer")
                }
            } catch let error as CalendarError {
                throw .init(key: name(key), reason: "\(error)")
            } catch let error as ConfigurationFile.KeyError {
                throw error
            } catch {
                throw wrongType(key, "en liste med datoer")
            }
        }
        return result
    }
}
