import Diagnostics

/// The taking back of one import (`samla import undo`): what it would remove (before it is made),
/// or what it removed.
public struct ImportUndo: Hashable, Sendable {
    /// The import, as it was before it was taken back.
    public var fileImport: FileImport
    /// Responses of the import still in the store, complete and partial, that go.
    public var complete: Int
    public var partial: Int
    /// The invitations whose response goes: each is left unanswered, its link usable again.
    public var invitations: [Int64]
    /// Responses of the import that a withdrawal (`samla erase --withdraw`) removed already.
    public var withdrawn: Int
    /// Of the responses that go, those whose personal answers `samla erase` erased already.
    public var personalDataErased: Int
    /// Of the responses that go, those that their respondents continued on the web after the import.
    public var continuedOnWeb: Int
    /// When it was taken back; nil for a preview.
    public var undoneAt: Timestamp?

    public init(
        fileImport: FileImport, complete: Int, partial: Int, invitations: [Int64], withdrawn: Int, personalDataErased: Int,
        continuedOnWeb: Int, undoneAt: Timestamp? = nil
    ) {
        self.fileImport = fileImport
        self.complete = complete
        self.partial = partial
        self.invitations = invitations
        self.withdrawn = withdrawn
        self.personalDataErased = personalDataErased
        self.continuedOnWeb = continuedOnWeb
        self.undoneAt = undoneAt
    }

    /// The responses that go.
    public var responses: Int { complete + partial }
}

/// Why the store refused to take an import back (``StoreError/importUndo(_:)``).
public enum ImportUndoRefusal: Hashable, Sendable {
    /// No import of the round has the id; `ids` are those it has, oldest first.
    case unknownImport(Int64, round: String, ids: [Int64])
    /// The import was made before the store recorded which import added each response.
    case untracked(FileImport)
    /// The import was taken back before.
    case alreadyUndone(FileImport)

    func diagnostics(database: String) -> [Diagnostic] {
        switch self {
        case .unknownImport(let id, let round, let ids):
            let known = ids.isEmpty ? "it has none" : "its imports are \(ids.map(String.init).joined(separator: ", "))"
            return [Diagnostic(.unknownImport, at: .field("--id"),
                "round \(round) has no import \(id) in \(database): \(known); `samla import list --round \(round)` lists them with their files")]
        case .untracked(let fileImport):
            return [Diagnostic(.untrackedImport, at: .field("--id"),
                "import \(fileImport.id) of round \(fileImport.round) (\(fileImport.fileName) on \(fileImport.importedAt.minuteText)) was made before "
                    + "this database recorded which import added each response, so its responses cannot be told apart from the round's others; "
                    + "nothing was removed. To take it back, restore the database from a backup made before it (docs/store.md, \"Restoring a backup\")")]
        case .alreadyUndone(let fileImport):
            let removed = fileImport.responsesRemoved.map { ", removing \(GroupedCount.text($0)) response\($0 == 1 ? "" : "s")" } ?? ""
            return [Diagnostic(.importAlreadyUndone, at: .field("--id"),
                "import \(fileImport.id) of round \(fileImport.round) (\(fileImport.fileName)) was taken back already on "
                    + "\((fileImport.undoneAt ?? fileImport.importedAt).minuteText)\(removed); nothing was removed. Its file may be imported again, without --again")]
        }
    }
}
