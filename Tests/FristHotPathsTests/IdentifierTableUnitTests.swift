import FristHotPaths
import Testing

/// The identifier table on its own: handles, growth, and removal of the last insertion. The
/// engine's use of it (case references and event ids as their key bytes, against Swift's
/// collections over random streams, and the references' order) is tested in `FristEngineTests`.
@Suite("Identifier table, alone")
struct IdentifierTableUnitTests {
    @Test("a reserved table holds as many identifiers as reserved, and grows past them")
    func reserveAndGrow() {
        var table = IdentifierTable()
        table.reserveCapacity(1000)
        for number in 0..<5000 { #expect(table.insert("H-\(number)") == (number, true)) }
        #expect(table.count == 5000)
        #expect((0..<5000).allSatisfy { table.handle(of: "H-\($0)") == $0 && table[$0] == "H-\($0)" })
        #expect(table.handle(of: "H-5000") == nil)
    }

    @Test("handles follow insertion; the last insertion can be taken out and inserted again")
    func handlesAndRemoval() {
        var table = IdentifierTable(seed: 7)
        let identifiers = ["b", "a", "abcdefgh2", "abcdefgh1", "B", "ab"]
        for (handle, identifier) in identifiers.enumerated() {
            #expect(table.insert(identifier) == (handle, true))
        }
        #expect(table.insert("a") == (1, false))
        table.removeLast()
        #expect(table.handle(of: "ab") == nil && table.count == 5)
        #expect(table.insert("ab") == (5, true))
    }
}
