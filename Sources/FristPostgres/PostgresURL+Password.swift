import Foundation
public import FristFormats

/// Where a node finds its database password: files, never the configuration.
extension PostgresURL {
    /// The password from the systemd credential `pgpass` (`LoadCredential=pgpass:…`), else from
    /// `PGPASSFILE`, else `~/.pgpass`; nil when none names this address (trust or peer login).
    public func password(environment: [String: String]) -> String? {
        var files: [String] = []
        if let credentials = environment["CREDENTIALS_DIRECTORY"] { files.append(credentials + "/pgpass") }
        if let passFile = environment["PGPASSFILE"] { files.append(passFile) }
        if let home = environment["HOME"] { files.append(home + "/.pgpass") }
        for file in files {
            if let contents = try? String(contentsOfFile: file, encoding: .utf8),
                let password = password(fromPassFile: contents)
            {
                return password
            }
        }
        return nil
    }
}
