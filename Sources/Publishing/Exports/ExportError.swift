import Diagnostics

/// Why an export was refused or stopped. The output folder is left as it was: files are written
/// under temporary names and put in place only when every one of them is complete.
public enum ExportError: Error, Hashable, Sendable {
    case languageUnknown(String, available: [String])
    case outputExists(path: String)
    case outputUnwritable(path: String, reason: String)
    /// The disk filled up while `path` (a file of the export, by its final name) was written.
    case outputDiskFull(path: String)
    case columnClash(name: String, first: String, second: String)
    case unknownCode(response: Int64, variable: String, code: String)
    case definitionUnreadable(round: String, hash: String, problems: [Diagnostic])
    case profileEmpty(survey: String)
    case kAnonymityInvalid(Int)
    /// A `--suppress-last` name that is no quasi-identifier column of the export.
    case suppressLastUnknown(String, quasiIdentifiers: [String])

    /// The refusal as diagnostics; `database` names the store for problems of its contents.
    public func diagnostics(database: String) -> [Diagnostic] {
        switch self {
        case .languageUnknown(let language, let available):
            return [Diagnostic(.exportLanguageUnknown, at: .field("--lang"),
                "the survey is written in \(available.joined(separator: " and ")), not '\(language)'\(Suggestions.didYouMean(language, in: available)); choose one of those")]
        case .outputExists(let path):
            return [Diagnostic(.exportOutputExists, at: .file(path),
                "the file exists already and is not replaced; choose another --out folder, or add --overwrite to replace the files of an earlier export")]
        case .outputUnwritable(let path, let reason):
            return [Diagnostic(.exportOutputUnwritable, at: .file(path), "cannot write here: \(reason); nothing was exported")]
        case .outputDiskFull(let path):
            return [Diagnostic(.outputDiskFull, at: .file(path),
                "the export cannot be written: " + DiskFull.reason(writing: path, option: "--out") + "; nothing was exported, and the folder is as it was")]
        case .columnClash(let name, let first, let second):
            return [Diagnostic(.exportColumnClash, at: .field(name),
                "the column \(name) would hold both \(first) and \(second); rename one of the questions or its export_as")]
        case .unknownCode(let response, let variable, let code):
            return [Diagnostic(.exportUnknownCode, at: .file(database),
                "response \(response) holds the code '\(code)' in \(variable), which the round's definition does not list; "
                    + "re-open the round with a definition that lists it (nothing was exported)")]
        case .definitionUnreadable(let round, let hash, let problems):
            let first = problems.first.map { ": \($0.message)" } ?? ""
            return [Diagnostic(.exportDefinitionUnreadable, at: .file(database),
                "round \(round) is pinned to definition \(hash.prefix(12)), which this version of Samla cannot read\(first); "
                    + "correct the definition file and re-open the round with it (samla round open FILE --name \(round)), "
                    + "which keeps its answers (nothing was exported)")]
        case .profileEmpty(let survey):
            return [Diagnostic(.exportProfileEmpty, at: .field("--profile"),
                "no question of survey \(survey) has an export_as, so the partner profile would export nothing; "
                    + "give the questions of the partners' common codebook their export_as names")]
        case .kAnonymityInvalid(let k):
            return [Diagnostic(.exportKAnonymityInvalid, at: .field("--k-anonymity"),
                "k must be a whole number of at least 1 (every row shares its quasi-identifiers with at least k - 1 others), not \(k); "
                    + "use \(ExportOptions.defaultKAnonymity), the default, or 1 to suppress nothing")]
        case .suppressLastUnknown(let name, let keys):
            let known = keys.isEmpty ? "the round's definition marks no quasi-identifier" : "its quasi-identifier columns are \(keys.joined(separator: ", "))"
            return [Diagnostic(.exportSuppressLastUnknown, at: .field("--suppress-last"),
                "\(name) is not a quasi-identifier column of this export\(Suggestions.didYouMean(name, in: keys)); \(known) (nothing was exported)")]
        }
    }
}
