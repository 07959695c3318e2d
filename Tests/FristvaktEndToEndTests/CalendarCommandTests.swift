import Testing

@Suite("fristvakt calendar")
struct CalendarCommandTests {
    @Test("holidays prints DATE<TAB>name in date order")
    func holidays() throws {
        let result = try CommandRunner.run(["calendar", "holidays", "2025"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines.first == "2025-01-01\tFørste nyttårsdag")
        #expect(lines[1] == "2025-04-17\tSkjærtorsdag")
        #expect(lines.last == "2025-12-26\tAndre juledag")
    }

    @Test(
        "each calendar question answers on stdout",
        arguments: [
            (["add-working-days", "2026-12-18", "10"], "2027-01-05\n"),
            (["add-working-days", "2027-01-04", "65"], "2027-04-08\n"),
            (["working-days-between", "2026-11-23", "2026-12-07"], "10\n"),
            (["add-months", "2023-11-30", "3"], "2024-02-29\n"),
        ])
    func answers(arguments: [String], expected: String) throws {
        let result = try CommandRunner.run(["calendar"] + arguments)
        #expect(result.status == 0)
        #expect(result.stdout == expected)
        #expect(result.stderr.isEmpty)
    }

    @Test(
        "refused input exits 1 and names what and why",
        arguments: [
            (
                ["add-working-days", "2026-02-29", "1"],
                "fristvakt: DATO: «2026-02-29» er ikke en gyldig dato: februar 2026 har 28 dager\n"
            ),
            (
                ["add-working-days", "2026-4-1", "1"],
                "fristvakt: DATO: «2026-4-1» er ikke en dato på formen ÅÅÅÅ-MM-DD\n"
            ),
            (["add-working-days", "2026-01-01", "-5"], "fristvakt: N: -5 er utenfor det tillatte området 0–100000\n"),
            (["add-working-days", "2026-01-01", "1e9"], "fristvakt: N: «1e9» er ikke et heltall\n"),
            (
                ["add-working-days", "2026-01-01", "100001"],
                "fristvakt: N: 100001 er utenfor det tillatte området 0–100000\n"
            ),
            (
                ["working-days-between", "1899-12-31", "2026-01-01"],
                "fristvakt: A: «1899-12-31» er utenfor kalenderens område 1900-01-01–2200-12-31\n"
            ),
            (
                ["add-months", "2026-13-01", "1"],
                "fristvakt: DATO: «2026-13-01» er ikke en gyldig dato: måned 13 finnes ikke\n"
            ),
            (["holidays", "1899"], "fristvakt: ÅR: 1899 er utenfor kalenderens område 1900–2200\n"),
        ])
    func refusals(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(["calendar"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test("usage errors exit 2", arguments: [["add-working-days", "2026-01-01"], ["nosuch"], ["holidays"]])
    func usage(arguments: [String]) throws {
        let result = try CommandRunner.run(["calendar"] + arguments)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Bruk:") || result.stderr.contains("Feil:"), "\(result.stderr)")
    }

    @Test("--stdin answers one line per line; a bad line leaves its neighbours alone")
    func bulk() throws {
        let input = "2026-11-23 10\n2026-02-29 1\n2026-11-21\t10\n\n2025-04-16 10\n"
        let result = try CommandRunner.run(["calendar", "add-working-days", "--stdin"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout == "2026-12-07\n\n2026-12-04\n\n2025-05-06\n")
        #expect(
            result.stderr == """
                fristvakt: linje 2: DATO: «2026-02-29» er ikke en gyldig dato: februar 2026 har 28 dager
                fristvakt: linje 4: ventet to felt, DATO og N, fant 0
                fristvakt: 2 av 5 linjer ble avvist

                """)
    }

    @Test("--stdin reads numbers as Int(_:) does and fields around any blanks")
    func bulkOperands() throws {
        let input =
            "2026-11-23 +5\n2026-11-23 0010\n2026-11-23 5x\n2026-11-23 99999999999999999999\n"
            + " 2026-11-23   1 \r\n2026-11-23 1 2\n"
        let result = try CommandRunner.run(["calendar", "add-working-days", "--stdin"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stdout == "2026-11-30\n2026-12-07\n\n\n2026-11-24\n\n")
        #expect(
            result.stderr == """
                fristvakt: linje 3: N: «5x» er ikke et heltall
                fristvakt: linje 4: N: «99999999999999999999» er ikke et heltall
                fristvakt: linje 6: ventet to felt, DATO og N, fant 3
                fristvakt: 3 av 6 linjer ble avvist

                """)
    }

    @Test("--stdin with all lines good exits 0, for each question")
    func bulkGood() throws {
        let between = try CommandRunner.run(
            ["calendar", "working-days-between", "--stdin"], stdin: "2026-11-23 2026-12-07\n2026-12-07 2026-11-23")
        #expect(between.status == 0)
        #expect(between.stdout == "10\n-10\n")
        let months = try CommandRunner.run(["calendar", "add-months", "--stdin"], stdin: "2026-01-31 1\n")
        #expect(months.status == 0)
        #expect(months.stdout == "2026-02-28\n")
    }
}
