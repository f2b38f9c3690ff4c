import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal and
/// the work is large enough to wait for.
final class ProgressBar {
    static let minimumTotal = 50_000
    private let total: Int
    private let label: String
    private var lastPercent = -1

    /// Whether standard error is a terminal to draw on.
    static var isPossible: Bool { isatty(FileHandle.standardError.fileDescriptor) == 1 }

    /// A bar for `total` steps, or nil when there is no terminal to draw on or little to do.
    init?(total: Int, label: String) {
        guard total >= Self.minimumTotal, Self.isPossible else { return nil }
        self.total = total
        self.label = label
    }

    func update(_ done: Int) {
        let percent = min(100, done * 100 / max(total, 1))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let width = 30
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        StandardOutput.writeError("\r\(label) [\(bar)] \(percent)%  \(min(done, total))/\(total)")
    }

    func finish() {
        StandardOutput.writeError("\r\u{1B}[K")
    }
}
