/// File paths taken apart as text, the same on every platform.
public enum PathText {
    /// The folder that holds `path` as written: `out` for `out/a` and `out/a/`, `/` for `/a`, and
    /// the empty string for a name without a folder (`a`). Foundation's
    /// `NSString.deletingLastPathComponent` traps on a one-character name on Linux (`a`, `a/`), so a
    /// command given such a path crashed.
    public static func folder(of path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        guard let slash = path.lastIndex(of: "/") else { return "" }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }
}
