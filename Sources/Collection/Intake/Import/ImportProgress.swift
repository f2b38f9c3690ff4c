import Diagnostics
import Foundation

/// A progress bar on standard error while a large file is imported, drawn only when standard
/// error is a terminal, at most ten times a second:
/// `[##########----------]  48%  480,000 rows  152,300 rows/s`.
final class ImportProgress {
    private let totalBytes: Int
    private let started = ContinuousClock.now
    private var lastDrawn = ContinuousClock.now
    private var drawn = false
    private var shownFraction = 0.0
    let isEnabled: Bool

    init(path: String, enabled: Bool) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        totalBytes = max(size ?? 0, 1)
        isEnabled = enabled && isatty(STDERR_FILENO) == 1
    }

    /// Called often; draws when a tenth of a second has passed. `bytes` is an estimate of the
    /// input read so far.
    func update(rows: Int, bytes: Int) {
        let now = ContinuousClock.now
        guard now - lastDrawn >= .milliseconds(100) else { return }
        lastDrawn = now
        let fraction = max(shownFraction, min(1, Double(bytes) / Double(totalBytes)))
        shownFraction = fraction
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = Self.seconds(now - started)
        let rate = elapsed > 0 ? Int(Double(rows) / elapsed) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = Int((fraction * 100).rounded(.down))
        write("\r[\(bar)] \(percent < 10 ? "  " : percent < 100 ? " " : "")\(percent)%  \(GroupedCount.text(rows)) rows  \(GroupedCount.text(rate)) rows/s ")
        drawn = true
    }

    /// Removes the bar.
    func finish() {
        guard drawn else { return }
        write("\r" + String(repeating: " ", count: 79) + "\r")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
