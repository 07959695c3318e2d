import Foundation

/// What a finished `fristvakt` process left behind.
struct CommandResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs the `fristvakt` executable that `swift build` put beside the test bundle.
enum CommandRunner {
    /// The built `fristvakt` binary.
    static let executable: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundleDirectory, bundleDirectory.deletingLastPathComponent()] {
            let url = candidate.appendingPathComponent("fristvakt")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.appendingPathComponent(".build/debug/fristvakt")
    }()

    /// Runs `fristvakt` with arguments and optional standard input, waiting for it to end.
    static func run(
        _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        directory: String? = nil
    ) throws -> CommandResult {
        try run(executable, arguments, stdin: stdin, environment: environment, directory: directory)
    }

    /// Runs any program the same way (journalctl, sqlite3 …).
    static func run(
        _ program: URL, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        directory: String? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // Drain both pipes while writing, so a large output cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return CommandResult(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The path of a fixture shipped with these tests.
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
    }
}
