import ArgumentParser

/// Runs `fristvakt` with the contract's exit codes (README.md, Commands): 0 on success, 1 on refused
/// input, 2 on usage errors. The executable's `@main` is a thin call to this.
public enum CommandLineEntry {
    /// Exit status: success.
    public static let success: Int32 = 0
    /// Exit status: input refused.
    public static let refused: Int32 = 1
    /// Exit status: usage error.
    public static let usage: Int32 = 2

    /// Parses and runs one command line (without the program name), returning the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try Fristvakt.parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var command = command
                try command.run()
            }
            StandardOutput.shared.flush()
            return success
        } catch let error as ValidationError {
            // Found while running, not while parsing: the root's usage would only mislead.
            StandardOutput.shared.flush()
            StandardError.write("fristvakt: \(error.message)\n")
            return usage
        } catch {
            StandardOutput.shared.flush()
            return report(error)
        }
    }

    private static func report(_ error: any Error) -> Int32 {
        if let refusal = error as? InputRefusal {
            StandardError.write("fristvakt: \(refusal.message)\n")
            return refused
        }
        let code = Fristvakt.exitCode(for: error)
        let message = BokmalUsage.translate(Fristvakt.fullMessage(for: error))
        if code == .success {
            if !message.isEmpty { StandardOutput.shared.write(message + "\n") }
            StandardOutput.shared.flush()
            return success
        }
        if code == .validationFailure {
            StandardError.write(message + "\n")
            return usage
        }
        if !message.isEmpty { StandardError.write(message + "\n") }
        return code.rawValue
    }
}
