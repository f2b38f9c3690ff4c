import Diagnostics
import Intake
import Logging

/// The admins and API clients the server takes now: those it started with until
/// ``FormServer/reloadSecrets()`` reads their files again. Each set is replaced whole, under a
/// lock; a request takes the set it needs once and finishes under it.
final class SecretsInForce: Sendable {
    private struct Sets {
        var adminSessions: AdminSessions?
        var apiClients: APIClients?
    }

    private let sets: Locked<Sets>

    init(adminSessions: AdminSessions?, apiClients: APIClients?) {
        sets = Locked(Sets(adminSessions: adminSessions, apiClients: apiClients))
    }

    /// Nil when the admin pages are off.
    var adminSessions: AdminSessions? { sets.withLock { $0.adminSessions } }
    /// Nil when the JSON API is off.
    var apiClients: APIClients? { sets.withLock { $0.apiClients } }

    /// Puts `sessions` in force; returns the admins they replace.
    func replaceAdmins(with sessions: AdminSessions) -> AdminRoster? {
        sets.withLock { sets in
            defer { sets.adminSessions = sessions }
            return sets.adminSessions?.roster
        }
    }

    /// Puts `clients` in force; returns the clients they replace.
    func replaceAPIClients(with clients: APIClients) -> APIClients? {
        sets.withLock { sets in
            defer { sets.apiClients = clients }
            return sets.apiClients
        }
    }
}

extension FormServer {
    /// Logs W801 when `secrets` come from a file every user of the machine can read.
    func warnIfReadableByAll<Kind>(_ secrets: NamedSecrets<Kind>) {
        guard let exposure = secrets.exposure() else { return }
        logger.warning("\(Kind.file) readable by every user", metadata: ["code": "\(exposure.code.id)", "diagnostic": "\(exposure)"])
    }

    /// Reads the admins file and the API tokens file again (`samla serve` does on SIGHUP) and
    /// puts what they now say in force: an admin taken out or given another secret is signed out,
    /// a client taken out or given another token is refused from its next request, new ones are
    /// let in. A file that does not load changes nothing: its diagnostics are logged as errors,
    /// with one line (E495) saying that the set read before stays in force. Admins or clients
    /// from an environment variable cannot change and are kept. Each file is taken or kept on its own.
    public func reloadSecrets() {
        if let sessions = secrets.adminSessions {
            reload(sessions.roster) { roster in secrets.replaceAdmins(with: sessions.replacing(roster: roster)) }
        }
        if let clients = secrets.apiClients {
            reload(clients) { clients in secrets.replaceAPIClients(with: clients) }
        }
    }

    /// Reads `current`'s file again and hands what it reads to `install`, which returns the set it
    /// replaced; logs what changed, or why nothing did.
    private func reload<Kind>(_ current: NamedSecrets<Kind>, install: (NamedSecrets<Kind>) -> NamedSecrets<Kind>?) {
        guard let file = current.file, let reread = current.reread() else {
            logger.notice("\(Kind.holders) not reloaded: they come from the \(current.source), which a running server cannot read again; restart it to change them")
            return
        }
        switch reread {
        case .failure(let refusal):
            for diagnostic in refusal.diagnostics {
                logger.error("\(Kind.file) refused", metadata: ["code": "\(diagnostic.code.id)", "diagnostic": "\(diagnostic)"])
            }
            let kept = Diagnostic(.secretsNotReloaded, at: .file(file),
                "the \(Kind.file) did not load, so the \(Kind.holders) read before stay in force: \(current.names); correct it and send SIGHUP again")
            logger.error("\(Kind.file) not reloaded: the \(Kind.holders) read before stay in force", metadata: [
                "code": "\(kept.code.id)", "diagnostic": "\(kept)", "in_force": "\(current.names)", "source": "\(current.source)",
            ])
        case .success(let loaded):
            warnIfReadableByAll(loaded)
            let changes = (install(loaded) ?? current).changes(to: loaded)
            logger.notice("\(Kind.holders) reloaded", metadata: [
                "added": "\(changes.added.joined(separator: ", "))", "removed": "\(changes.removed.joined(separator: ", "))",
                "changed": "\(changes.changed.joined(separator: ", "))", "in_force": "\(loaded.names)", "source": "\(loaded.source)",
            ])
        }
    }
}
