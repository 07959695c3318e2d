import FristCalendar
public import FristEngine
import FristHotPaths

/// The status file's JSON (docs/status-file.md, schema `fristvakt-status/1`).
public enum StatusDocument {
    /// The schema id.
    public static let schema = "fristvakt-status/1"

    /// Renders a snapshot; `generatedAt` is an RFC 3339 timestamp with offset.
    public static func render(_ snapshot: StatusSnapshot, generatedAt: String, cluster: ClusterStatus? = nil) -> String
    {
        String(decoding: renderBytes(snapshot, generatedAt: generatedAt, cluster: cluster), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes: what the status file and `fristvakt status` write (a document
    /// listing a million clocks is over 100 MB, not copied into a `String` and out again).
    /// A node of a cluster adds `cluster` (its name, role, term and the leader) after `today`.
    public static func renderBytes(
        _ snapshot: StatusSnapshot, generatedAt: String, cluster: ClusterStatus? = nil
    )
        -> [UInt8]
    {
        // About 170 bytes a listed clock; the rest of the document is a few kilobytes per unit.
        document(snapshot, generatedAt: generatedAt, cluster: cluster)
            .renderedBytes(capacity: 192 * snapshot.open.count + 512 * snapshot.units.count + 16_384)
    }

    /// `renderBytes` handed to `emit` in pieces of about a mebibyte as it is written: the same
    /// bytes, never all held at once (`fristvakt status` writes a million clocks this way).
    /// `onTwoThreads` writes a long open list's lines on two threads (`fristvakt status`, which
    /// has nothing else to do; the service leaves its second core to intake).
    public static func write(
        _ snapshot: StatusSnapshot, generatedAt: String, cluster: ClusterStatus? = nil, onTwoThreads: Bool = false,
        to emit: ([UInt8]) -> Void
    ) {
        document(snapshot, generatedAt: generatedAt, cluster: cluster, onTwoThreads: onTwoThreads)
            .render(chunkBytes: 1 << 20, emit: emit)
    }

    /// The document as a tree whose `open` list is made one entry at a time as it is written.
    private static func document(
        _ snapshot: StatusSnapshot, generatedAt: String, cluster: ClusterStatus?, onTwoThreads: Bool = false
    ) -> JSONNode {
        func counts(_ states: [ClockState: Int]) -> JSONNode {
            .compact(.object(ClockState.allCases.map { ($0.rawValue, .int(states[$0] ?? 0)) }))
        }
        let target = snapshot.complaintTarget
        let open = JSONNode.writtenArray(count: snapshot.open.count, onTwoThreads: onTwoThreads) { index, output in
            OpenClockBytes.append(snapshot.open[index], to: &output)
        }
        var members: [(String, JSONNode)] = [
            ("schema", .string(schema)),
            ("generated_at", .string(generatedAt)),
            ("today", .string(snapshot.today.description)),
        ]
        if let cluster {
            members.append(
                (
                    "cluster",
                    .compact(
                        .object([
                            ("node", .string(cluster.node)), ("role", .string(cluster.role.rawValue)),
                            ("term", .int(Int(cluster.term))), ("leader", cluster.leader.map(JSONNode.string) ?? .null),
                        ]))
                ))
        }
        return JSONNode.object(
            members + [
                (
                    "calendar",
                    .compact(
                        .object([
                            ("saturday_is_working_day", .bool(snapshot.calendar.saturdayIsWorkingDay)),
                            ("extra_closed_days", .array(closedDates(snapshot).map { .string($0.description) })),
                            (
                                "extra_closed_named_days",
                                .array(snapshot.calendar.extraClosedDays.map(\.rawValue).sorted().map(JSONNode.string))
                            ),
                        ]))
                ),
                ("totals", counts(snapshot.totals)),
                ("rules", .object(RuleID.allCases.map { ($0.rawValue, counts(snapshot.rules[$0] ?? [:])) })),
                // One line per unit, sorted by name ("" first: cases without a unit).
                ("units", .object(snapshot.units.keys.sorted().map { ($0, counts(snapshot.units[$0]!.byState)) })),
                (
                    "targets",
                    .object([
                        (
                            "statsforvalter-klage",
                            .compact(
                                .object([
                                    ("decided_last_365_days", .int(target.decided)),
                                    ("within_target", .int(target.withinTarget)),
                                    ("share", target.share.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null),
                                    ("goal", .double(target.goal)),
                                ]))
                        )
                    ])
                ),
                // Clocks with an open legal duty, whatever their state (docs/worklist.md).
                ("duties", .compact(.object(OpenDuty.allCases.map { ($0.rawValue, .int(snapshot.duties[$0] ?? 0)) }))),
                ("open", open),
            ])
    }

    /// The contract's `extra_closed_days`: the configured dates, plus the named days (julaften …)
    /// resolved for the status day's year.
    private static func closedDates(_ snapshot: StatusSnapshot) -> [CalendarDate] {
        var dates = snapshot.calendar.extraClosedDates
        for day in snapshot.calendar.extraClosedDays {
            if let date = try? day.date(in: snapshot.today.year) { dates.insert(date) }
        }
        return dates.sorted()
    }
}
