/// What this build is.
public enum BuildInfo {
    /// The version, as `fristvakt --version` prints it and `fristvakt_build_info` labels it.
    public static let version = "0.2.0"
}
