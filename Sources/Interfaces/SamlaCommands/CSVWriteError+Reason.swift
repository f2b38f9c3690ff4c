import CSV
import Diagnostics

extension CSVWriteError {
    /// What went wrong, in plain words: for a file that could not be made, why, as every command
    /// words it (``UnwritableFolder``), with `option`, the command's option for the path.
    func reason(option: String) -> String {
        guard case .cannotCreate(let system) = kind else { return description }
        return UnwritableFolder.reason(writing: destination, option: option, system: system)
    }
}
