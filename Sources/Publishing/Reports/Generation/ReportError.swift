import Diagnostics

/// Why a report was not written.
public enum ReportError: Error, Sendable {
    case refused([Diagnostic])

    public var diagnostics: [Diagnostic] {
        switch self { case .refused(let list): list }
    }
}
