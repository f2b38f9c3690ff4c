import Diagnostics
import Foundation

/// A text a command writes to a file it was given (`--out`, `--cleaning-log`, a file in `--folder`):
/// whole or not at all (``OutputFile``), and refused with E800 on a full disk or with why the file
/// cannot be written, naming the option that chose it.
enum TextFileOutput {
    /// Writes `text` as UTF-8 at `path`; `what` names the content in the refusal ("the cleaning log").
    static func write(_ text: String, to path: String, option: String, what: String) throws {
        do {
            try OutputFile(path: path).write(Data(text.utf8))
        } catch where DiskFull.isReason(error) {
            throw Refused([Diagnostic(.outputDiskFull, at: .file(path), "\(what) cannot be written: " + DiskFull.reason(writing: path, option: option))])
        } catch {
            throw Refused([Diagnostic(.outputUnwritable, at: .file(path), "\(what) cannot be written: "
                + UnwritableFolder.reason(writing: path, option: option, system: error.localizedDescription))])
        }
    }
}
