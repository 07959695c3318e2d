import Foundation

/// Where a PostgreSQL store is: `postgresql://USER@HOST:PORT/DB`, with `?sslmode=disable`
/// (the default on loopback), `require` or `verify-full`. A password in the address is refused:
/// it comes from `PGPASSFILE` or the systemd credential `pgpass` (docs/operations.md). Parsed
/// once, where the configuration is read (`[storage] url`) or `migrate --to` is given.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// Why an address was refused, in bokmål.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// How the connection is protected.
    public enum TLSMode: String, Sendable {
        /// Plain TCP: only for loopback or a private network.
        case disable
        /// TLS without checking the server's certificate.
        case require
        /// TLS, the certificate checked against the system's roots and the host name.
        case verifyFull = "verify-full"
    }

    /// The database user.
    public let user: String
    /// The server's host name or address.
    public let host: String
    /// The server's port.
    public let port: Int
    /// The database.
    public let database: String
    /// How the connection is protected.
    public let tls: TLSMode

    /// Parses an address; the error says what is wrong with it, in bokmål.
    public init(parsing text: String) throws(Invalid) {
        guard let parts = URLComponents(string: text), ["postgresql", "postgres"].contains(parts.scheme ?? "")
        else {
            throw Invalid(description: "\(text) er ikke en PostgreSQL-adresse (postgresql://BRUKER@VERT:PORT/DATABASE)")
        }
        guard parts.password == nil else {
            throw Invalid(
                description:
                    "passordet skal ikke stå i adressen: legg det i PGPASSFILE eller systemd-legitimasjonen pgpass")
        }
        guard let user = parts.user, !user.isEmpty, let host = parts.host, !host.isEmpty else {
            throw Invalid(description: "\(text) mangler bruker eller vert (postgresql://BRUKER@VERT:PORT/DATABASE)")
        }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw Invalid(description: "\(text) mangler databasenavn") }
        var tls = TLSMode.disable
        for item in parts.queryItems ?? [] {
            guard item.name == "sslmode", let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                throw Invalid(
                    description:
                        "\(text): ukjent valg \(item.name)=\(item.value ?? "") (bare sslmode=disable|require|verify-full)"
                )
            }
            tls = mode
        }
        self.user = user
        self.host = host
        self.port = parts.port ?? 5432
        self.database = database
        self.tls = tls
    }

    /// The address as written, without a password (there is none).
    public var description: String {
        "postgresql://\(user)@\(host):\(port)/\(database)" + (tls == .disable ? "" : "?sslmode=\(tls.rawValue)")
    }

    /// The password for this address from a pgpass file (`host:port:database:user:password`,
    /// `*` matching anything, `\:` and `\\` escaped), the first line that matches; nil when none.
    public func password(fromPassFile contents: String) -> String? {
        for line in contents.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            var fields: [String] = [""]
            var escaped = false
            for character in line {
                if escaped {
                    fields[fields.count - 1].append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":", fields.count < 5 {
                    fields.append("")
                } else {
                    fields[fields.count - 1].append(character)
                }
            }
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }
}
