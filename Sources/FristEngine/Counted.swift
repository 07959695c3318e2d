/// A count with its noun in the right number, as every bokmål text a person reads writes it:
/// `1 virkedag`, `4 virkedager`, `1 linje avvist`.
public func counted(_ count: Int, _ singular: String, _ plural: String) -> String {
    "\(count) \(count == 1 || count == -1 ? singular : plural)"
}
