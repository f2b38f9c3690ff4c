import Diagnostics
import Expressions
import SurveyDefinition

/// Why the store refused a request. Nothing was written when one of these is thrown.
public enum StoreError: Error, Hashable, Sendable {
    case invalidRoundName(String)
    /// No round of this name; `suggestion` is the nearest existing name, if any is close.
    case unknownRound(String, suggestion: String?)
    case roundOfAnotherSurvey(round: String, survey: String, requested: String)
    case invalidRoundDates(round: String, opens: CalendarDate, closes: CalendarDate)
    case missingRoundDates(round: String)
    /// `--opens` after the existing round's closing day, for a round with responses: a new period
    /// (next year's round) given the name of an earlier one.
    case roundNameOfEarlierPeriod(Round, responses: Int, opens: CalendarDate)
    /// The new definition would orphan stored answers. `locations` places each problem in the new
    /// definition (the choice list that lost a value, the question whose type changed); others are
    /// placed at `location`, the start of the definition.
    case incompatibleDefinition(round: String, survey: String, problems: [Incompatibility], locations: [Incompatibility: SourceLocation], location: SourceLocation)
    case anonymityChange(round: String, isAnonymous: Bool)
    case unstorableSurvey(survey: String, problems: [LayoutProblem], location: SourceLocation)
    case anonymousRound(String)
    case closedRound(String, phase: RoundPhase)
    case roundNotCollecting(String, phase: RoundPhase)
    /// A web response in an invitation-only round without an invitation.
    case invitationRequired(round: String)
    case unknownVariable(String, survey: String)
    case answerTypeMismatch(variable: String, expected: VariableType, value: AnswerValue)
    case unknownResponse(Int64)
    case responseAlreadySubmitted(Int64)
    case unknownInvitation(Int64)
    case invitationUsed(Int64)
    case invitationOfAnotherRound(Int64, round: String)
    /// The invitation's respondent withdrew (`samla erase --withdraw`): its token begins no response.
    case invitationWithdrawn(Int64)
    /// `samla erase` refused what it was to erase.
    case erasure(ErasureRefusal)
    /// `samla import undo` refused to take the import back.
    case importUndo(ImportUndoRefusal)
    /// A disposition for an invitation that has a response, which decides its disposition.
    case dispositionOfAnsweredInvitation(Int64, response: Int64)
    /// A disposition for an invitation whose respondent withdrew, which counts as a refusal.
    case dispositionOfWithdrawnInvitation(Int64, withdrawnAt: Timestamp)
    case definitionNotPinned(round: String, pinned: String, given: String)
    case unknownDefinition(String)
    /// A stored definition's text no longer passes the loader (a newer Samla checks more).
    case storedDefinitionUnloadable(hash: String, survey: String, diagnostics: [Diagnostic])
    /// The file is not an SQLite database, or was written by a newer Samla.
    case unusableDatabase(path: String, reason: String)
    /// The bytes of `file` were imported into the round before, by `earlier`.
    case fileAlreadyImported(ImportedFile, earlier: FileImport)
    /// Another connection held the database's write lock for longer than the store waits.
    case databaseBusy(path: String)
    /// The disk that holds the database (or the database's size limit) has no room for the write.
    case databaseFull(path: String)
    /// The database, or the folder it is in (for its `-wal` and `-shm` files), cannot be written or opened.
    case databaseUnwritable(path: String)
    /// A read-only open found commits in the `-wal` file (`walBytes` long) that SQLite cannot read
    /// without a `-shm` file, which it can neither open nor make beside the database.
    case uncheckpointedCommits(path: String, walBytes: Int)
    /// A read-only open of a store of an earlier schema: `latest` is its last migration, `pending`
    /// the ones this version would apply.
    case outdatedSchema(path: String, latest: String, pending: [String])
    /// A store of an earlier schema that another connection has open (an older `samla serve`), which
    /// bringing it up to date would change under it.
    case upgradeWhileOpen(path: String, latest: String, pending: [String])
    /// The disk filled up while a store of an earlier schema was brought up to date: each migration
    /// is whole or not at all, so the store is at `reached`, without `pending`.
    case upgradeStoppedOnFullDisk(path: String, reached: String, pending: [String])
    /// A partner export of a round that has no pseudonym key yet, from a database that cannot be written.
    case pseudonymKeyUnavailable(round: String, path: String)
    /// A backup to `path`, a file that exists, without leave to replace it.
    case backupExists(path: String)
    /// A backup to `path`, which is the database file `database` itself, or its `-wal`, `-shm` or `-journal` file.
    case backupIsDatabase(path: String, database: String)
    /// The backup file cannot be made at `path`; `reason` says why and what to do.
    case backupUnwritable(path: String, reason: String)
    /// The disk that was to hold the backup at `path` ran out of room; the database is `databaseBytes` long.
    case backupDiskFull(path: String, databaseBytes: Int)
    /// The copy made for `path` fails SQLite's integrity check; `problems` are the check's first lines.
    case backupDamaged(path: String, problems: [String])
    /// `samla restore` onto a database that is there, or its `-wal`, `-shm` or `-journal` file (`files`, their names).
    case restoreOntoDatabase(path: String, files: [String])
    /// A backup `samla restore` refuses: no file, no Samla store, a newer Samla's, or damaged (`reason`).
    case backupNotRestorable(path: String, reason: String)
    /// The backup at `path` is in place and complete, but its checksum file `checksumFile` could not
    /// be written (`reason`); `sha256` is the backup's. Unlike the other cases, the backup was written.
    case backupChecksumUnwritable(path: String, checksumFile: String, sha256: String, reason: String)
    /// The checksum file beside a backup `samla restore` was given is not one `sha256sum` line, or
    /// names another file: its line (nil when it has none to show) and why.
    case backupChecksumUnusable(path: String, checksumFile: String, line: String?, reason: String)
    /// The backup's SHA-256 (`actual`) is not the one its checksum file gives (`expected`).
    case backupChecksumMismatch(path: String, checksumFile: String, expected: String, actual: String)

    /// The refusal as diagnostics. `database` names the store file for problems that have no
    /// better place than the database as a whole.
    public func diagnostics(database: String) -> [Diagnostic] {
        let file = DiagnosticLocation.file(database)
        switch self {
        case .invalidRoundName(let name):
            return [Diagnostic(.invalidRoundName, at: .field("name"),
                "round name \"\(name)\" must be lowercase letters and digits in groups joined by single hyphens, at most \(RoundName.maximumLength) characters, e.g. esem-se-2025")]
        case .unknownRound(let name, let suggestion):
            return [Diagnostic(.unknownRound, at: file,
                "there is no round \(name)\(Suggestions.didYouMean(suggestion)); `samla round list` shows the rounds")]
        case .roundOfAnotherSurvey(let round, let survey, let requested):
            return [Diagnostic(.roundOfAnotherSurvey, at: file,
                "round \(round) belongs to survey \(survey), not \(requested); choose another round name")]
        case .invalidRoundDates(let round, let opens, let closes):
            return [Diagnostic(.invalidRoundDates, at: .field("closes"),
                "round \(round) would close on \(closes), before it opens on \(opens)")]
        case .missingRoundDates(let round):
            return [Diagnostic(.missingRoundDates, at: .field("opens"),
                "round \(round) is new: give both --opens and --closes (YYYY-MM-DD)")]
        case .roundNameOfEarlierPeriod(let round, let responses, let opens):
            let year = String(opens.year)
            let suggested = round.name.range(of: #"-\d{4}$"#, options: .regularExpression)
                .map { round.name.replacingCharacters(in: $0, with: "-" + year) }.flatMap { $0 == round.name ? nil : $0 }
            return [Diagnostic(.roundNameOfEarlierPeriod, at: .field("opens"),
                "round \(round.name) ran from \(round.opens) to \(round.closes) and has \(responses) responses; --opens \(opens) begins after it closed, "
                    + "so this would re-open it for a new period, adding the new responses to it and re-pinning its responses to this definition. "
                    + "A new year's round needs a name of its own"
                    + (suggested.map { ": samla round open SURVEY.yaml --name \($0) --opens \(opens) --closes …, and declare \($0) under the framework's rounds" } ?? "")
                    + "; to extend \(round.name) itself, give it a later --closes alone")]
        case .incompatibleDefinition(let round, let survey, let problems, let locations, let location):
            return Self.diagnostics(of: problems, round: round, survey: survey, locations: locations, location: location)
        case .anonymityChange(let round, let isAnonymous):
            return [Diagnostic(.anonymityChange, at: .field("anonymous"),
                isAnonymous
                    ? "round \(round) is anonymous and stays so; it cannot become invitation-only"
                    : "round \(round) is invitation-only and stays so; open a new round for anonymous answers")]
        case .unstorableSurvey(let survey, let problems, let location):
            return problems.map { Diagnostic(.unstorableSurvey, at: .source(location), "survey \(survey): \($0.message)") }
        case .anonymousRound(let round):
            return [Diagnostic(.anonymousRound, at: file,
                "round \(round) is anonymous: respondents use its start link (BASE/s/\(round)), and it takes no invitations; a round is anonymous or invitation-only from its opening, so for personal links open another round without --anonymous")]
        case .closedRound(let round, let phase):
            return [Diagnostic(.closedRound, at: file,
                "round \(round) is \(phase == .ended ? "past its closing date" : "closed"); re-open it with `samla round open` and a later --closes first")]
        case .roundNotCollecting(let round, let phase):
            let why = switch phase {
            case .scheduled: "has not opened yet"
            case .ended: "is past its closing date"
            case .closed: "is closed"
            case .collecting: "is collecting"
            }
            return [Diagnostic(.roundNotCollecting, at: file, "round \(round) \(why) and takes no responses")]
        case .invitationRequired(let round):
            return [Diagnostic(.invitationRequired, at: file, "round \(round) is invitation-only: a web response begins with an invitation's token")]
        case .unknownVariable(let name, let survey):
            return [Diagnostic(.unknownVariable, at: .field(name), "survey \(survey) has no variable \(name)")]
        case .answerTypeMismatch(let variable, let expected, let value):
            return [Diagnostic(.answerTypeMismatch, at: .field(variable),
                "\(variable) stores \(expected.rawValue) values, not \(value.kindDescription)")]
        case .unknownResponse(let id):
            return [Diagnostic(.unknownResponse, at: file, "there is no response \(id)")]
        case .responseAlreadySubmitted(let id):
            return [Diagnostic(.responseAlreadySubmitted, at: file, "response \(id) is submitted already and cannot change")]
        case .unknownInvitation(let id):
            return [Diagnostic(.unknownInvitation, at: file, "there is no invitation \(id)")]
        case .invitationUsed(let id):
            return [Diagnostic(.invitationUnusable, at: file, "invitation \(id) has begun a response already; resume that response")]
        case .invitationOfAnotherRound(let id, let round):
            return [Diagnostic(.invitationUnusable, at: file, "invitation \(id) is not an invitation to round \(round)")]
        case .invitationWithdrawn(let id):
            return [Diagnostic(.invitationWithdrawn, at: file,
                "the respondent of invitation \(id) withdrew (samla erase --withdraw), so its link begins no response")]
        case .erasure(let refusal):
            return refusal.diagnostics(database: database)
        case .importUndo(let refusal):
            return refusal.diagnostics(database: database)
        case .dispositionOfAnsweredInvitation(let id, let response):
            return [Diagnostic(.dispositionOfAnsweredInvitation, at: file,
                "invitation \(id) has response \(response), which decides its disposition (complete or partial); nothing was recorded: leave its row out")]
        case .dispositionOfWithdrawnInvitation(let id, let withdrawnAt):
            return [Diagnostic(.dispositionOfWithdrawnInvitation, at: file,
                "the respondent of invitation \(id) withdrew on \(withdrawnAt.minuteText) (samla erase --withdraw), and the rates count it as a refusal; nothing was recorded: leave its row out")]
        case .definitionNotPinned(let round, let pinned, let given):
            return [Diagnostic(.definitionNotPinned, at: file,
                "round \(round) is pinned to definition \(pinned.prefix(12)), not \(given.prefix(12))")]
        case .unknownDefinition(let hash):
            return [Diagnostic(.unknownDefinition, at: file, "no stored definition has the hash \(hash)")]
        case .storedDefinitionUnloadable(let hash, let survey, let diagnostics):
            return [Diagnostic(.storedDefinitionUnloadable, at: file,
                "the stored definition \(hash.prefix(12)) of \(survey) no longer loads; re-open its round with a corrected definition")]
                + diagnostics
        case .unusableDatabase(let path, let reason):
            return [Diagnostic(.unusableDatabase, at: .file(path), reason)]
        case .fileAlreadyImported(let file, let earlier):
            let responses = "\(GroupedCount.text(earlier.rowsImported)) response\(earlier.rowsImported == 1 ? "" : "s")"
            let when = earlier.importedAt.minuteText
            let same = earlier.fileName == file.name ? "" : " (the same bytes under another name)"
            return [Diagnostic(.fileAlreadyImported, at: .file(file.path),
                "this file was imported into round \(earlier.round) already: \(earlier.fileName)\(same) on \(when), \(responses); "
                    + "nothing was imported. To import it again all the same, add --again")]
        case .databaseBusy(let path):
            return [Diagnostic(.databaseBusy, at: .file(path),
                "another process (an import, `samla round open`, or another server on this file) held the database's write lock for longer than Samla waits; "
                    + "nothing was written; try again when it has finished")]
        case .databaseFull(let path):
            return [Diagnostic(.databaseFull, at: .file(path),
                "the disk that holds the database is full; nothing was written and what was stored is intact; free space on that disk and try again")]
        case .databaseUnwritable(let path):
            if let ownership = DatabaseOwnership.problem(database: path) {
                return [Diagnostic(.databaseUnwritable, at: .file(path), "the database cannot be written: \(ownership); nothing was written")]
            }
            return [Diagnostic(.databaseUnwritable, at: .file(path),
                "the database cannot be opened for writing: the file, or its folder (where SQLite keeps \(Self.fileName(path))-wal and -shm), is read-only for this user or on a read-only disk; "
                    + "nothing was written; give this user write access to both, or copy the database to a writable folder")]
        case .uncheckpointedCommits(let path, let walBytes):
            let name = Self.fileName(path)
            return [Diagnostic(.databaseUnwritable, at: .file(path),
                "\(name)-wal holds \(walBytes) bytes of commits that are not in the database file yet, and SQLite reads them only with \(name)-shm, "
                    + "which it can neither open nor make beside the database (the folder or that file is read-only for this user); nothing was read or changed; "
                    + "copy the database together with its -wal file to a writable folder (cp \(path) \(path)-wal FOLDER/) and give --db the copy, "
                    + "or have the database's owner run sqlite3 \(path) 'PRAGMA wal_checkpoint(TRUNCATE)', which moves the commits into the file")]
        case .outdatedSchema(let path, let latest, let pending):
            return [Diagnostic(.unusableDatabase, at: .file(path),
                Self.madeByEarlierVersion(latest: latest, pending: pending)
                    + ", and bringing it up to date needs to write it, which this user cannot (the file or its folder is read-only); nothing was changed; "
                    + "copy it to a writable folder and give --db the copy, which is then brought up to date, or read it with the version of Samla that wrote it")]
        case .upgradeWhileOpen(let path, let latest, let pending):
            return [Diagnostic(.upgradeWhileOpen, at: .file(path),
                Self.madeByEarlierVersion(latest: latest, pending: pending)
                    + ", and another program has it open, such as the earlier samla serve still running on it; bringing it up to date would change "
                    + "its tables under that program, so nothing was changed; stop that program (systemctl stop samla), then run this command again")]
        case .upgradeStoppedOnFullDisk(let path, let reached, let pending):
            let missing = pending.map { "\"\($0)\"" }.joined(separator: ", ")
            return [Diagnostic(.databaseFull, at: .file(path),
                "the disk that holds the database filled up while it was brought up to date from an earlier version of Samla: it is intact, "
                    + "with the migrations up to \"\(reached)\" and without \(missing), and what was stored is kept; free space on that disk and run "
                    + "the command again, which applies the rest (the earlier version no longer opens it: to go back, restore the backup made before the upgrade)")]
        case .pseudonymKeyUnavailable(let round, let path):
            return [Diagnostic(.databaseUnwritable, at: .file(path),
                "round \(round) has no pseudonym key yet: the round's first partner export makes it and keeps it in the database, so that its pseudonyms "
                    + "stay the same in every export, and this user cannot write the database; nothing was exported; make the partner export once where "
                    + "the database can be written (and hand out a new copy), or export without --profile")]
        case .backupExists(let path):
            return [Diagnostic(.backupExists, at: .file(path),
                "the file exists already, and a backup replaces a file only with --force; nothing was written; "
                    + "choose a new file name (with the date, say) or add --force to replace it")]
        case .backupIsDatabase(let path, let database):
            return [Diagnostic(.backupIsDatabase, at: .file(path),
                "this is the database itself (--db \(database)) or one of its files, which a backup must not replace; nothing was written; "
                    + "give --to another file, on another disk if you can")]
        case .backupUnwritable(let path, let reason):
            return [Diagnostic(.backupUnwritable, at: .file(path), "the backup cannot be written here: \(reason); nothing was written")]
        case .backupDiskFull(let path, let databaseBytes):
            return [Diagnostic(.backupDiskFull, at: .file(path),
                "the disk that was to hold the backup has no room for it (the database is \(ByteCount.text(databaseBytes))); "
                    + "the unfinished copy was removed and nothing was written; free space on that disk or back up to another one")]
        case .backupDamaged(let path, let problems):
            return [Diagnostic(.backupDamaged, at: .file(path),
                "the copy fails SQLite's integrity check (\(problems.prefix(3).joined(separator: "; "))), so the database itself is probably damaged; "
                    + "the copy was removed and nothing was written; keep the earlier backups, and restore the database from the last good one")]
        case .restoreOntoDatabase(let path, let files):
            let folder = PathText.folder(of: path).isEmpty ? "." : PathText.folder(of: path)
            return [Diagnostic(.restoreOntoDatabase, at: .file(path),
                "there is a database here already (\(files.joined(separator: ", "))): a restore never replaces one, nor puts a backup beside "
                    + "an old -wal file, whose commits SQLite would apply to it; nothing was restored; stop the server, move the files aside "
                    + "(mkdir \(folder)/replaced && mv \(path)* \(folder)/replaced/), and restore again")]
        case .backupNotRestorable(let path, let reason):
            return [Diagnostic(.backupNotRestorable, at: .file(path),
                "this backup cannot be restored: \(reason); nothing was restored; restore an earlier backup")]
        case .backupChecksumUnwritable(let path, let checksumFile, let sha256, let reason):
            let name = Self.fileName(path)
            return [Diagnostic(.backupChecksumUnwritable, at: .file(checksumFile),
                "the backup \(path) is complete and in place, but its checksum file cannot be written: \(reason); without it, samla restore checks "
                    + "the backup with SQLite's integrity check alone, which does not see a value changed within a row; the backup's SHA-256 is \(sha256): "
                    + "once the cause is fixed, write the file in the backup's folder (sha256sum \(name) > \(name).sha256), or back up again")]
        case .backupChecksumUnusable(let path, let checksumFile, let line, let reason):
            let shown = line.map { $0.count > 120 ? String($0.prefix(120)) + "…" : $0 }
            return [Diagnostic(.backupChecksumUnusable, at: .file(checksumFile),
                "the checksum file of the backup \(path) cannot be used: \(reason)" + (shown.map { " (its line: \"\($0)\")" } ?? "")
                    + "; nothing was restored; samla backup writes one line, the backup's SHA-256, two spaces and its name: take the backup and its "
                    + "checksum file again from where they were made, or move the checksum file aside to restore with SQLite's integrity check alone")]
        case .backupChecksumMismatch(let path, let checksumFile, let expected, let actual):
            return [Diagnostic(.backupNotRestorable, at: .file(path),
                "this backup cannot be restored: its SHA-256 is \(actual), but its checksum file \(checksumFile) gives \(expected), the one samla backup "
                    + "wrote: the file was changed or damaged since; nothing was restored; copy it again from where it was made, or restore an earlier backup")]
        }
    }
}

extension StoreError {
    /// Whether the refusal is the database file's own (busy, full, unwritable): the same request
    /// may succeed later, unchanged.
    public var isDatabaseFailure: Bool {
        switch self {
        case .databaseBusy, .databaseFull, .databaseUnwritable, .upgradeStoppedOnFullDisk: true
        default: false
        }
    }

    private static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// One diagnostic (E445–E447) per answer a definition would orphan, opening `round`; with `round`
    /// nil, opening any round of the survey (a type change of an answered variable refuses them all).
    public static func diagnostics(
        of problems: [Incompatibility], round: String?, survey: String, locations: [Incompatibility: SourceLocation], location: SourceLocation
    ) -> [Diagnostic] {
        let refused = round.map { "cannot open round \($0) with this definition of \(survey)" } ?? "no round of \(survey) can be opened with this definition"
        return problems.map { problem in
            let code: DiagnosticCode = switch problem {
            case .removedVariable: .removedVariableWithAnswers
            case .removedChoice: .removedChoiceWithAnswers
            case .changedType: .changedTypeWithAnswers
            }
            return Diagnostic(code, at: .source(locations[problem] ?? location), "\(refused): \(problem.message)")
        }
    }

    /// "the database was made by an earlier version of Samla (…)", for a message to go on.
    public static func madeByEarlierVersion(latest: String, pending: [String]) -> String {
        let missing = pending.map { "\"\($0)\"" }.joined(separator: ", ")
        return "the database was made by an earlier version of Samla (its latest migration is \"\(latest)\"; this version adds \(missing))"
    }
}

extension AnswerValue {
    /// The value's kind, for messages.
    var kindDescription: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .decimal: "a decimal number"
        case .boolean: "true/false"
        case .date: "a date"
        case .choice: "a choice code"
        case .choices: "a set of choice codes"
        }
    }
}
