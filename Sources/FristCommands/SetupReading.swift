import FristCalendar
import FristFormats
import FristService
import Logging

/// What the commands that read the service's state take from its setup, in one place: the daily
/// schedule, the alert day it makes today, where the state is (for messages) and a logger that
/// says nothing (a command reports through its exit status and stderr, not the journal).
extension DeadlineWatch.Setup {
    /// The daily alert schedule in the configured zone.
    var schedule: DailySchedule {
        DailySchedule(time: configuration.dailyAlertTime, timeZone: configuration.timeZone)
    }

    /// The alert day now (it rolls over at the daily alert time).
    var today: CalendarDate { schedule.today(at: clock.now()) }

    /// The state's place as a message names it: the database's address, or the SQLite file.
    var stateLocation: String { paths.storageURL?.description ?? paths.database }

    /// A logger that writes nothing.
    static let silentLogger = Logger(label: "fristvakt") { _ in SwiftLogNoOpLogHandler() }
}
