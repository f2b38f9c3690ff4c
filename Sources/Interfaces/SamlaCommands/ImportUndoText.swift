import Diagnostics
import Intake
import Store

/// What `samla import list` and `samla import undo` print: lines, sentences, warnings and JSON.
enum ImportUndoText {
    /// `import 2, 2025-11-30 14:02 UTC: paper.csv (sha256 3f2a9c1b7d04), 412 rows imported, 410 responses left`.
    static func listLine(_ fileImport: FileImport) -> String {
        var line = "import \(fileImport.id), \(fileImport.importedAt.minuteText): \(fileImport.fileName) (sha256 \(fileImport.sha256.prefix(12))), "
            + "\(GroupedCount.text(fileImport.rowsImported, "row")) imported"
        if let undoneAt = fileImport.undoneAt {
            line += "; taken back on \(undoneAt.minuteText), \(GroupedCount.text(fileImport.responsesRemoved ?? 0, "response")) removed"
        } else if let left = fileImport.responsesLeft {
            line += ", \(GroupedCount.text(left, "response")) left"
        } else {
            line += "; made before this database recorded which import added each response, so it cannot be taken back"
        }
        return line
    }

    /// What taking the import back removes (or removed, once made) and what becomes of its invitations.
    static func sentence(_ undo: ImportUndo) -> String {
        let made = undo.undoneAt != nil
        let fileImport = undo.fileImport
        let named = "import \(fileImport.id) of round \(fileImport.round) (\(fileImport.fileName), imported \(fileImport.importedAt.minuteText))"
        var sentence = made ? "took back \(named): " : "\(named): taking it back "
        sentence += undo.responses == 0 ? "\(made ? "removed" : "would remove") no response, none of it being left"
            : "\(made ? "removed" : "would remove") \(GroupedCount.text(undo.responses, "response")) (\(GroupedCount.text(undo.complete)) complete, \(GroupedCount.text(undo.partial)) partial) with every answer"
        if let only = undo.invitations.first, undo.invitations.count == 1 {
            sentence += "; invitation \(only) \(made ? "is" : "would be") unanswered again, its link usable"
        } else if !undo.invitations.isEmpty {
            let shown = undo.invitations.prefix(10).map(String.init).joined(separator: ", ")
                + (undo.invitations.count > 10 ? " and \(GroupedCount.text(undo.invitations.count - 10)) more" : "")
            sentence += "; \(GroupedCount.text(undo.invitations.count, "invitation")) (\(shown)) \(made ? "are" : "would be") unanswered again, their links usable"
        }
        sentence += made ? "; the import stays listed, undone, and its file may be imported again without --again"
            : "; the import would stay listed, undone, and its file could be imported again without --again"
        return sentence
    }

    /// W427 for responses of the import that `samla erase` touched since, W428 for those their
    /// respondents went on with on the web.
    static func warnings(_ undo: ImportUndo) -> [Diagnostic] {
        let name = "import \(undo.fileImport.id) of round \(undo.fileImport.round)"
        let made = undo.undoneAt != nil
        var warnings: [Diagnostic] = []
        var erased: [String] = []
        if undo.withdrawn > 0 {
            erased.append("\(GroupedCount.text(undo.withdrawn, "response")) \(undo.withdrawn == 1 ? "was" : "were") withdrawn (samla erase --withdraw) and \(undo.withdrawn == 1 ? "is" : "are") gone already, "
                + "so \(made ? "it was" : "it is") not among those removed")
        }
        if undo.personalDataErased > 0 {
            erased.append("\(GroupedCount.text(undo.personalDataErased, "response")) had \(undo.personalDataErased == 1 ? "its" : "their") personal data erased (samla erase) and "
                + "\(made ? "went" : "goes") with the rest")
        }
        if !erased.isEmpty {
            warnings.append(Diagnostic(.importResponsesErased, at: .field("--id"),
                "since \(name): " + erased.joined(separator: "; ") + ". The erasures log keeps what was erased (samla erase --log)"))
        }
        if undo.continuedOnWeb > 0 {
            let one = undo.continuedOnWeb == 1
            let goes = one ? (made ? "it went" : "it goes") : (made ? "they went" : "they go")
            warnings.append(Diagnostic(.importResponsesContinued, at: .field("--id"),
                "\(GroupedCount.text(undo.continuedOnWeb, "response")) of \(name) \(one ? "was" : "were") continued on the web after the import, through "
                    + (one ? "its invitation's link: \(goes) too, with what its respondent answered since, and its invitation is unanswered again, so the respondent may answer anew through the same link"
                        : "their invitations' links: \(goes) too, with what their respondents answered since, and their invitations are unanswered again, so the respondents may answer anew through the same links")))
        }
        return warnings
    }

    /// `samla import list --format json`.
    struct Listing: Encodable {
        var round: String
        var imports: [Entry]
    }

    /// One import in JSON; `responsesLeft` is null for an import made before responses were tracked.
    struct Entry: Encodable {
        var id: Int64
        var fileName: String
        var sha256: String
        var byteCount: Int
        var rowsImported: Int
        var importedAt: String
        var tracked: Bool
        var responsesLeft: Int?
        var undone: Bool
        var undoneAt: String?
        var responsesRemoved: Int?

        init(_ fileImport: FileImport) {
            id = fileImport.id
            fileName = fileImport.fileName
            sha256 = fileImport.sha256
            byteCount = fileImport.byteCount
            rowsImported = fileImport.rowsImported
            importedAt = fileImport.importedAt.text
            tracked = fileImport.isTracked
            responsesLeft = fileImport.responsesLeft
            undone = fileImport.undoneAt != nil
            undoneAt = fileImport.undoneAt?.text
            responsesRemoved = fileImport.responsesRemoved
        }

        // Written out so that a missing value is `null`: the synthesized encoding leaves such keys out.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(fileName, forKey: .fileName)
            try container.encode(sha256, forKey: .sha256)
            try container.encode(byteCount, forKey: .byteCount)
            try container.encode(rowsImported, forKey: .rowsImported)
            try container.encode(importedAt, forKey: .importedAt)
            try container.encode(tracked, forKey: .tracked)
            try container.encode(responsesLeft, forKey: .responsesLeft)
            try container.encode(undone, forKey: .undone)
            try container.encode(undoneAt, forKey: .undoneAt)
            try container.encode(responsesRemoved, forKey: .responsesRemoved)
        }

        private enum CodingKeys: String, CodingKey {
            case id, fileName, sha256, byteCount, rowsImported, importedAt, tracked, responsesLeft, undone, undoneAt, responsesRemoved
        }
    }

    /// `samla import undo --format json`: the import, what goes (or went), and whether it was done.
    struct Outcome: Encodable {
        var undone: Bool
        var round: String
        var importID: Int64
        var fileName: String
        var responses: Int
        var complete: Int
        var partial: Int
        var invitations: [Int64]
        var withdrawnBefore: Int
        var personalDataErasedBefore: Int
        var continuedOnWeb: Int
        var undoneAt: String?

        init(_ undo: ImportUndo) {
            undone = undo.undoneAt != nil
            round = undo.fileImport.round
            importID = undo.fileImport.id
            fileName = undo.fileImport.fileName
            responses = undo.responses
            complete = undo.complete
            partial = undo.partial
            invitations = undo.invitations
            withdrawnBefore = undo.withdrawn
            personalDataErasedBefore = undo.personalDataErased
            continuedOnWeb = undo.continuedOnWeb
            undoneAt = undo.undoneAt?.text
        }
    }
}
