/// A day of the week, numbered as in ISO 8601 (Monday 1 … Sunday 7).
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
}
