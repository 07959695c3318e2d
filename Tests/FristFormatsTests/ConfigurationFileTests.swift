import Foundation
import FristCalendar
import FristEngine
import FristFormats
import Testing

@Suite("Configuration file")
struct ConfigurationFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("the shipped etc/fristvakt.toml parses to exactly the defaults, paths aside")
    func shippedExample() throws {
        let path = Self.packageRoot.appendingPathComponent("etc/fristvakt.toml").path
        var loaded = try ConfigurationFile.load(path: path)
        #expect(loaded.spoolPath == "/var/spool/fristvakt")
        #expect(loaded.statePath == "/var/lib/fristvakt")
        #expect(loaded.statusPath == "/var/lib/fristvakt/status.json")
        loaded.spoolPath = nil
        loaded.statePath = nil
        loaded.statusPath = nil
        var defaults = Configuration()
        // The example spells every window out; the defaults leave them implicit.
        defaults.engine.warningWindows = Dictionary(
            uniqueKeysWithValues: RuleID.allCases.map { ($0, $0.definition.defaultWarningWindow) })
        #expect(loaded == defaults)
    }

    @Test("an empty file is the defaults")
    func empty() throws {
        #expect(try ConfigurationFile.parse("", path: "t.toml") == Configuration())
    }

    @Test("every key is read")
    func values() throws {
        let configuration = try ConfigurationFile.parse(
            """
            time_zone = "UTC"
            daily_alert_time = "06:30"
            [calendar]
            saturday_is_working_day = true
            extra_closed_dates = [2026-12-24, "2026-12-31"]
            extra_closed_days = ["onsdag-for-skjaertorsdag"]
            [reminders]
            interval_working_days = 3
            [warning_windows]
            vurderingsfrist = 4
            [status]
            include_running = true
            mode = "0600"
            """, path: "t.toml")
        #expect(configuration.timeZone == "UTC")
        #expect(configuration.dailyAlertTime == TimeOfDay(hour: 6, minute: 30))
        #expect(configuration.engine.calendar.saturdayIsWorkingDay)
        #expect(
            configuration.engine.calendar.extraClosedDates == [
                try CalendarDate(parsing: "2026-12-24"), try CalendarDate(parsing: "2026-12-31"),
            ])
        #expect(configuration.engine.calendar.extraClosedDays == [.onsdagForSkjaertorsdag])
        #expect(configuration.engine.reminderIntervalWorkingDays == 3)
        #expect(configuration.engine.warningWindow(for: .vurderingsfrist) == 4)
        #expect(configuration.engine.warningWindow(for: .fristHelsehjelp) == 10)
        #expect(configuration.statusIncludesRunning)
        #expect(configuration.statusMode == 0o600)
    }

    @Test(
        "a bad file is refused with the file, the key and the reason",
        arguments: [
            ("saturday = true", "t.toml: nøkkel «saturday»: ukjent nøkkel"),
            ("[calendar]\nsaturday = true", "t.toml: nøkkel «calendar.saturday»: ukjent nøkkel"),
            (
                "[calendar]\nsaturday_is_working_day = 1",
                "t.toml: nøkkel «calendar.saturday_is_working_day»: skal være true eller false"
            ),
            (
                "[calendar]\nextra_closed_dates = [\"2026-02-30\"]",
                "t.toml: nøkkel «calendar.extra_closed_dates»: «2026-02-30» er ikke en gyldig dato: februar 2026 har 28 dager"
            ),
            (
                "[calendar]\nextra_closed_days = [\"paskeaften\"]",
                "t.toml: nøkkel «calendar.extra_closed_days»: «paskeaften» er ikke en av «julaften», «nyttarsaften», «onsdag-for-skjaertorsdag»"
            ),
            (
                "[warning_windows]\nvurderingsfristen = 3",
                "t.toml: nøkkel «warning_windows.vurderingsfristen»: ukjent nøkkel"
            ),
            (
                "[reminders]\ninterval_working_days = 0",
                "t.toml: nøkkel «reminders.interval_working_days»: 0 er utenfor 1–250"
            ),
            ("daily_alert_time = \"7:00\"", "t.toml: nøkkel «daily_alert_time»: «7:00» er ikke et klokkeslett TT:MM"),
            ("time_zone = \"Europe/Bergen\"", "t.toml: nøkkel «time_zone»: ukjent tidssone «Europe/Bergen»"),
            ("[status]\nmode = \"rw\"", "t.toml: nøkkel «status.mode»: «rw» er ikke en oktal filmodus som «0640»"),
            ("[paths]\nspool = \"\"", "t.toml: nøkkel «paths.spool»: kan ikke være tom"),
            (
                "[storage]\nurl = \"postgresql://vakt:hemmelig@db/fristvakt\"",
                "t.toml: nøkkel «storage.url»: passordet skal ikke stå i adressen: legg det i PGPASSFILE eller "
                    + "systemd-legitimasjonen pgpass"
            ),
            (
                "[storage]\nurl = \"mysql://vakt@db/fristvakt\"",
                "t.toml: nøkkel «storage.url»: mysql://vakt@db/fristvakt er ikke en PostgreSQL-adresse "
                    + "(postgresql://BRUKER@VERT:PORT/DATABASE)"
            ),
            (
                "[cluster]\nlease_seconds = 3\nrenew_seconds = 2",
                "t.toml: nøkkel «cluster.renew_seconds»: må være høyst halvparten av cluster.lease_seconds"
            ),
        ])
    func refusals(text: String, message: String) {
        #expect {
            _ = try ConfigurationFile.parse(text, path: "t.toml")
        } throws: { error in
            (error as? FileError)?.description == message
        }
    }

    @Test("a shared database and the cluster's settings are read; the address once, where the file is read")
    func cluster() throws {
        let configuration = try ConfigurationFile.parse(
            """
            [storage]
            url = "postgresql://fristvakt@db.example:5433/vakt?sslmode=verify-full"
            [cluster]
            node = "vakt-a"
            lease_seconds = 8
            renew_seconds = 2
            """, path: "t.toml")
        let url = try #require(configuration.storageURL)
        #expect(url.user == "fristvakt" && url.host == "db.example" && url.port == 5433 && url.database == "vakt")
        #expect(url.tls == .verifyFull)
        #expect(configuration.cluster.node == "vakt-a")
        #expect(configuration.cluster.leaseSeconds == 8 && configuration.cluster.renewSeconds == 2)
    }

    @Test("a pgpass line names the password of its address: wildcards, escapes, the first match")
    func passFile() throws {
        let url = try PostgresURL(parsing: "postgresql://vakt@db:5432/fristvakt")
        let file = """
            # comment
            other:5432:fristvakt:vakt:wrong
            db:*:fristvakt:vakt:p\\\\a\\:ss
            *:*:*:*:later
            """
        #expect(url.password(fromPassFile: file) == "p\\a:ss")
        #expect(try PostgresURL(parsing: "postgresql://x@elsewhere/y").password(fromPassFile: file) == "later")
        #expect(url.password(fromPassFile: "db:5432:fristvakt:vakt\n") == nil)
    }

    @Test("a syntax error names its line")
    func syntax() {
        #expect {
            _ = try ConfigurationFile.parse("time_zone = \"UTC\"\n[calendar\n", path: "t.toml")
        } throws: { error in
            (error as? FileError)?.description.hasPrefix("t.toml: linje 2: ugyldig TOML") == true
        }
    }
}
