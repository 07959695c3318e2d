import FristFormats
import FristService
import Testing

/// Where the service keeps its files (docs/configuration.md).
@Suite("service paths")
struct ServicePathsTests {
    @Test("no config file, outside systemd: everything in ./fristvakt-data")
    func local() {
        let paths = ServicePaths(configuration: Configuration(), fromFile: false, environment: [:])
        #expect(
            paths
                == ServicePaths(
                    spool: "fristvakt-data/spool", state: "fristvakt-data", status: "fristvakt-data/status.json"))
        #expect(paths.database == "fristvakt-data/fristvakt.sqlite")
    }

    @Test("no config file, under systemd: STATE_DIRECTORY (the first of several) holds state and status")
    func systemd() {
        let paths = ServicePaths(
            configuration: Configuration(), fromFile: false,
            environment: ["STATE_DIRECTORY": "/var/lib/fristvakt:/var/lib/other"])
        #expect(
            paths
                == ServicePaths(
                    spool: "/var/spool/fristvakt", state: "/var/lib/fristvakt", status: "/var/lib/fristvakt/status.json"
                ))
    }

    @Test("a config file: its [paths] win, the contract's system paths fill the rest")
    func configured() {
        var configuration = Configuration()
        configuration.statusPath = "/srv/status.json"
        let paths = ServicePaths(
            configuration: configuration, fromFile: true, environment: ["STATE_DIRECTORY": "/ignored"])
        #expect(
            paths
                == ServicePaths(spool: "/var/spool/fristvakt", state: "/var/lib/fristvakt", status: "/srv/status.json"))
    }
}
