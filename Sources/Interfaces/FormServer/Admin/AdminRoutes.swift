import Aggregation
import Exports
import Foundation
import Hummingbird
import Store

/// The admin pages, behind the admin secret: rounds and their progress, one round's days and
/// latest responses, one response's answers.
extension FormServer {
    var adminSessions: AdminSessions? {
        configuration.adminSecret.map { AdminSessions(serverSigner: signer, secret: $0, secureCookies: configuration.secureCookies) }
    }

    var downloadCleaning: DownloadCleaning { DownloadCleaning(frameworks: configuration.frameworks) }

    func addAdminRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/admin") { request, _ in
            try self.withSession(request) { sessions, nonce in
                Reply.html(AdminViews.overview(try self.store.roundSummaries(), links: self.configuration.links, csrf: sessions.csrfToken(session: nonce)))
            }
        }
        router.get("/admin/rounds/:round") { request, context in
            try self.withSession(request) { sessions, nonce in
                let name = context.parameters.get("round") ?? ""
                guard let summary = try self.store.roundSummaries().first(where: { $0.round.name == name }) else { throw WebFailure.notFound }
                let survey = try self.submissions.validator(definition: summary.round.definitionHash).survey
                return Reply.html(AdminViews.round(
                    summary, languages: survey.languages, hasPartnerNames: survey.variables.contains { $0.exportAs != nil }, days: try self.store.dailyActivity(round: name), recent: try self.store.recentResponses(round: name, limit: 50),
                    cleanedBy: self.downloadCleaning.framework(forRound: name)?.id,
                    links: self.configuration.links, csrf: sessions.csrfToken(session: nonce)))
            }
        }
        router.get("/admin/rounds/:round/exports/:file") { request, context in
            try await self.download(request, round: context.parameters.get("round") ?? "", file: context.parameters.get("file") ?? "")
        }
        router.get("/admin/responses/:id") { request, context in
            try self.withSession(request) { sessions, nonce in
                guard let id = context.parameters.get("id", as: Int64.self), let response = try self.store.response(id) else { throw WebFailure.notFound }
                let survey = try self.submissions.validator(definition: response.record.definitionHash).survey
                let round = try self.store.roundSummaries().first { $0.round.id == response.record.roundID }?.round
                return Reply.html(AdminViews.response(response, survey: survey, round: round, csrf: sessions.csrfToken(session: nonce)))
            }
        }
        router.get("/admin/login") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage() }
            return Self.loginPage(sessions, problem: nil)
        }
        router.post("/admin/login") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage() }
            let body = try await request.collectBody(limit: 16 * 1024)
            guard let form = FormBody(body.readableBytesView) else { throw WebFailure.badRequest }
            guard sessions.verifyLoginToken(form["csrf"], nonce: request.cookies[AdminSessions.loginCookie]?.value) else {
                self.logger.notice("admin login refused", metadata: ["code": "E475", "reason": "missing or wrong CSRF token"])
                throw WebFailure.csrf
            }
            switch self.signInThrottle.attempt(now: Date(), { sessions.secret.matches(form["secret"]) }) {
            case .accepted:
                break
            case .refused:
                self.logger.warning("admin login failed", metadata: ["code": "E479"])
                // Slows guessing; the comparison itself takes the same time whatever was given.
                try await Task.sleep(for: .milliseconds(300))
                return Self.loginPage(sessions, problem: "The admin secret is not right", status: .unauthorized)
            case .paused(let seconds):
                self.logger.warning("admin sign-in paused", metadata: [
                    "code": "E487", "seconds": "\(seconds)",
                    "reason": "\(self.signInThrottle.limit) failed sign-ins within \(Int(self.signInThrottle.window)) s; the secret was not checked",
                ])
                var response = Self.loginPage(sessions, problem:
                    "Too many failed sign-ins: signing in is paused for \(seconds) more seconds, and the secret was not checked. Try again then.",
                    status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            let now = Date()
            let cookie = sessions.newSession(now: now)
            self.logger.notice("admin signed in", metadata: ["session": "\(sessions.validSession(cookie, now: now)?.logTag ?? "")"])
            var response = Reply.redirect("/admin")
            response.setCookie(sessions.cookie(AdminSessions.sessionCookie, cookie, maxAge: Int(AdminSessions.lifetime)))
            response.setCookie(sessions.cookie(AdminSessions.loginCookie, "", maxAge: 0))
            return response
        }
        router.post("/admin/logout") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage() }
            let body = try await request.collectBody(limit: 16 * 1024)
            var response = Reply.redirect("/admin/login")
            // Signed out already (the session ended or its cookie is gone): nothing to end.
            guard let session = try self.signedIn(request, sessions) else {
                response.setCookie(sessions.cookie(AdminSessions.sessionCookie, "", maxAge: 0))
                return response
            }
            guard let form = FormBody(body.readableBytesView), sessions.verifyCSRF(form["csrf"], session: session.nonce) else { throw WebFailure.csrf }
            // Ended in the store too, so that a copy of the cookie no longer signs anyone in.
            try self.store.endSession(session.nonce, expiresAt: session.expiresAt)
            self.logger.notice("admin signed out", metadata: ["session": "\(session.logTag)"])
            response.setCookie(sessions.cookie(AdminSessions.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    /// A download of the round page, made by the Exports module and streamed; a refused export
    /// gets a page with its reason.
    private func download(_ request: Request, round: String, file: String) async throws -> Response {
        guard let sessions = adminSessions else { return Self.adminOffPage() }
        guard let session = try signedIn(request, sessions) else { return Reply.redirect("/admin/login") }
        let nonce = session.nonce
        guard let download = AdminDownload(rawValue: file), try store.round(named: round) != nil else { throw WebFailure.notFound }
        let language = request.uri.queryParameters.get("lang").map { String($0) }
        // `?excel=sv`: a CSV file for Excel in a Swedish locale; there is no other form of it.
        let excel = request.uri.queryParameters.get("excel")
        guard excel == nil || (excel == "sv" && download.isCSV) else { throw WebFailure.notFound }
        let forExcel = excel != nil
        do {
            let response = try await DownloadMaker(exporter: Exporter(store: store, samlaVersion: configuration.samlaVersion), cleaning: downloadCleaning)
                .response(download, round: round, language: language, forExcel: forExcel)
            logger.notice("admin download", metadata: [
                "session": "\(session.logTag)",
                "round": "\(round)", "file": "\(download.rawValue)", "excel_sv": "\(forExcel)", "personal_data": "\(download.includesPersonalData)",
                "bytes": "\(response.body.contentLength ?? 0)",
                "cleaned_by": "\(download.isCleaned ? downloadCleaning.framework(forRound: round)?.source ?? "none" : "none")",
            ])
            return response
        } catch let error as ExportError {
            let reason = error.diagnostics(database: "the database").map { "\($0.message) (\($0.code.id))" }.joined(separator: "; ")
            logger.warning("admin download refused", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(reason)"])
            let status: HTTPResponse.Status = if case .languageUnknown = error { .badRequest } else { .conflict }
            return Reply.html(AdminViews.exportRefused(round: round, reason: reason, csrf: sessions.csrfToken(session: nonce)), status: status)
        } catch let error as AggregationError {
            let reason = error.diagnostics.map { "\($0.message) (\($0.code.id))" }.joined(separator: "; ")
            logger.warning("admin download refused", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(reason)"])
            return Reply.html(AdminViews.exportRefused(round: round, reason: "the cleaning rules cannot be applied: " + reason, csrf: sessions.csrfToken(session: nonce)),
                              status: .conflict)
        } catch let error as DownloadError {
            logger.error("admin download failed", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(error)"])
            return Reply.html(AdminViews.exportRefused(round: round, reason: error.description, csrf: sessions.csrfToken(session: nonce)),
                              status: .internalServerError)
        }
    }

    /// Runs `body` for a signed-in admin; otherwise sends the visitor to the login form.
    private func withSession(_ request: Request, _ body: (AdminSessions, String) throws -> Response) throws -> Response {
        guard let sessions = adminSessions else { return Self.adminOffPage() }
        guard let nonce = try signedIn(request, sessions)?.nonce else { return Reply.redirect("/admin/login") }
        return try body(sessions, nonce)
    }

    /// The request's admin session: its cookie signed and unexpired, and not signed out.
    private func signedIn(_ request: Request, _ sessions: AdminSessions) throws -> AdminSessions.Session? {
        guard let session = sessions.validSession(request.cookies[AdminSessions.sessionCookie]?.value, now: Date()),
              try !store.isSessionEnded(session.nonce)
        else { return nil }
        return session
    }

    private static func loginPage(_ sessions: AdminSessions, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        let nonce = Base64URL.randomToken(byteCount: 16)
        var response = Reply.html(AdminViews.login(csrf: sessions.loginToken(nonce: nonce), problem: problem), status: status)
        response.setCookie(sessions.cookie(AdminSessions.loginCookie, nonce, maxAge: 3600))
        return response
    }

    private static func adminOffPage() -> Response {
        Reply.html(AdminViews.off(), status: .serviceUnavailable)
    }
}
