import Foundation

/// A file's or a limit's size in words, for messages and summaries.
public enum ByteCount {
    /// `1.4 GiB`, `4 MiB`, `538.2 MiB`, `512 KiB`, `800 bytes`.
    public static func text(_ bytes: Int) -> String {
        let mebibyte = 1024 * 1024
        let gibibyte = 1024 * mebibyte
        if bytes >= gibibyte { return String(format: "%.1f GiB", Double(bytes) / Double(gibibyte)) }
        if bytes >= mebibyte, bytes % mebibyte == 0 { return "\(bytes / mebibyte) MiB" }
        if bytes >= mebibyte { return String(format: "%.1f MiB", Double(bytes) / Double(mebibyte)) }
        if bytes >= 1024 { return "\(bytes / 1024) KiB" }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }
}
