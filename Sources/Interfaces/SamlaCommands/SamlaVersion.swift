/// The version printed by `samla --version` and written into export provenance.
public enum SamlaVersion {
    public static let current = "0.1.0"
}
