import Foundation

/// The argument parser's own words (usage errors, help headings) in bokmål. The parser writes
/// them in English with no hook to change them, so its finished message is rewritten here, one
/// known phrase at a time; a phrase not listed stays as the parser wrote it.
enum BokmalUsage {
    /// Each English phrase (a regular expression) and its bokmål, in order.
    private static let phrases: [(pattern: String, bokmal: String)] = [
        (#"^Error: "#, "Feil: "),
        (#"Missing expected argument '([^']*)'"#, "Mangler påkrevd argument «$1»"),
        (#"Missing one of: '([^\n]*)'"#, "Mangler ett av: «$1»"),
        (#"The value '([^']*)' is invalid for '([^']*)'"#, "Verdien «$1» er ugyldig for «$2»"),
        (#"The value '([^']*)' is invalid\."#, "Verdien «$1» er ugyldig."),
        (#"\. Please provide one of the following:"#, ". Oppgi en av disse:"),
        (#"\. Please provide one of ([^\n]*)\."#, ". Oppgi en av $1."),
        (#"Unknown option '([^']*)'\. Did you mean '([^']*)'\?"#, "Ukjent valg «$1». Mente du «$2»?"),
        (#"Unknown option '([^']*)'"#, "Ukjent valg «$1»"),
        (#"Missing value for '([^']*)'"#, "Mangler verdi for «$1»"),
        (
            #"The option '([^']*)' does not take any value, but '([^']*)' was specified\."#,
            "Valget «$1» tar ingen verdi, men «$2» ble gitt."
        ),
        (#"Unexpected argument '([^']*)'"#, "Uventet argument «$1»"),
        (#"(\d+) unexpected arguments: "#, "$1 uventede argumenter: "),
        (#"Value to be set with (.*) had already been set with (.*)"#, "Verdien gitt med $1 var alt gitt med $2"),
        (#"(?m)^Usage: "#, "Bruk: "),
        (#"See '([^']*) --help' for more information\."#, "Se «$1 --help» for mer hjelp."),
        (#"See '([^']*) help <subcommand>' for detailed help\."#, "Se «$1 help <underkommando>» for hjelp til hver."),
        (#"<subcommand>"#, "<underkommando>"),
        (#"(?m)^OVERVIEW:"#, "OVERSIKT:"),
        (#"(?m)^USAGE:"#, "BRUK:"),
        (#"(?m)^ARGUMENTS:"#, "ARGUMENTER:"),
        (#"(?m)^OPTIONS:"#, "VALG:"),
        (#"(?m)^SUBCOMMANDS:"#, "UNDERKOMMANDOER:"),
        (#"Show help information\."#, "Vis denne hjelpen."),
        (#"Show the version\."#, "Vis versjonen."),
        (#"(?m)^Help: "#, "Hjelp: "),
        (#"Show subcommand help information\."#, "Vis hjelp for en underkommando."),
        (#"\bdefault: "#, "standard: "),
        (#"\(values: "#, "(verdier: "),
        (#"' and '"#, "' og '"),
        (#"' or '"#, "' eller '"),
        (#"'([^'\n]*)'"#, "«$1»"),
    ]

    private static let compiled: [(NSRegularExpression, String)] = phrases.map {
        (try! NSRegularExpression(pattern: $0.pattern), $0.bokmal)
    }

    /// The message with every known phrase in bokmål, and the parser's quotes `'…'` as `«…»`.
    static func translate(_ message: String) -> String {
        var text = message
        for (expression, template) in compiled {
            text = expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
        }
        return text
    }
}
