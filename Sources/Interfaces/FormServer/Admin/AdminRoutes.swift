import Aggregation
import Exports
import Foundation
import Hummingbird
import Store

/// The admin pages, behind the admin secret: rounds and their progress, one round's days and
/// latest responses, one response's answers.
extension FormServer {
    var downloadCleaning: DownloadCleaning { DownloadCleaning(frameworks: configuration.frameworks) }

    func addAdminRoutes(_ router: Router<BasicRequestContext>) {
        router.get("/admin") { request, _ in
            try self.withSession(request) { admin in
                Reply.html(AdminViews.overview(try self.store.roundSummaries(), links: self.configuration.links, admin: admin, frame: Self.frame(request)))
            }
        }
        router.get("/admin/rounds/:round") { request, context in
            try self.withSession(request) { admin in
                let name = context.parameters.get("round") ?? ""
                guard let summary = try self.store.roundSummaries().first(where: { $0.round.name == name }) else { throw WebFailure.notFound }
                let survey = try self.submissions.validator(definition: summary.round.definitionHash).survey
                return Reply.html(AdminViews.round(
                    summary, languages: survey.languages, hasPartnerNames: survey.variables.contains { $0.exportAs != nil },
                    answeredUnder: try self.store.definitionsAnswered(round: name, selection: .all),
                    days: try self.store.dailyActivity(round: name), recent: try self.store.recentResponses(round: name, limit: 50),
                    cleanedBy: self.downloadCleaning.framework(forRound: name)?.id,
                    links: self.configuration.links, admin: admin, frame: Self.frame(request)))
            }
        }
        router.get("/admin/rounds/:round/exports/:file") { request, context in
            try await self.download(request, round: context.parameters.get("round") ?? "", file: context.parameters.get("file") ?? "")
        }
        router.get("/admin/responses/:id") { request, context in
            try self.withSession(request) { admin in
                guard let id = context.parameters.get("id", as: Int64.self) else { throw WebFailure.notFound }
                guard let response = try self.store.response(id) else {
                    guard let withdrawal = try self.store.erasures().first(where: { $0.kind == .withdrawal && $0.responseID == id }) else {
                        throw WebFailure.notFound
                    }
                    return Reply.html(AdminViews.withdrawnResponse(withdrawal, admin: admin, frame: Self.frame(request)), status: .gone)
                }
                let survey = try self.submissions.validator(definition: response.record.definitionHash).survey
                let round = try self.store.roundSummaries().first { $0.round.id == response.record.roundID }?.round
                self.logger.notice("admin response viewed", metadata: [
                    "admin": "\(admin.session.admin)", "session": "\(admin.session.logTag)", "response": "\(id)", "round": "\(round?.name ?? "")",
                ])
                return Reply.html(AdminViews.response(response, survey: survey, round: round, admin: admin, frame: Self.frame(request)))
            }
        }
        router.get(RouterPath(stringLiteral: AdminLanguage.switchPath)) { request, _ in
            guard let language = request.uri.queryParameters.get("lang").map({ String($0) }), AdminLanguage.languages.contains(language) else {
                throw WebFailure.badRequest
            }
            var response = Reply.redirect(AdminLanguage.backPath(request.uri.queryParameters.get("back").map { String($0) }) ?? "/admin")
            response.setCookie(AdminLanguage.choiceCookie(language, secure: self.configuration.secureCookies))
            return response
        }
        router.get("/admin/login") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage(request) }
            let next = AdminSessions.returnPath(request.uri.queryParameters.get("next").map { String($0) })
            let language = AdminLanguage.of(request)
            guard let ending = try self.endedSession(request, sessions) else { return Self.loginPage(sessions, next: next, language: language) }
            let notice = AdminText(language).sessionEnded(ending, idleLimit: sessions.idleLimit)
            var response = Self.loginPage(sessions, notice: notice, next: next, language: language)
            response.setCookie(sessions.cookie(AdminSessions.sessionCookie, "", maxAge: 0))
            return response
        }
        router.post("/admin/login") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage(request) }
            let body = try await request.collectBody(limit: 16 * 1024)
            guard let form = FormBody(body.readableBytesView) else { throw WebFailure.badRequest }
            guard sessions.verifyLoginToken(form["csrf"], nonce: request.cookies[AdminSessions.loginCookie]?.value) else {
                self.logger.notice("admin login refused", metadata: ["code": "E475", "reason": "missing or wrong CSRF token"])
                throw WebFailure.csrf
            }
            let next = AdminSessions.returnPath(form["next"])
            let language = AdminLanguage.of(request)
            let now = self.clock()
            let admin: AdminRoster.Admin
            let device = sessions.knownDevice(request.cookies[AdminSessions.deviceCookie]?.value)
            switch self.signInThrottle.attempt(now: now, device: device, { sessions.roster.admin(withSecret: form["secret"]) }) {
            case .accepted(let found):
                admin = found
            case .refused:
                self.logger.warning("admin login failed", metadata: ["code": "E479"])
                // Slows guessing; the comparison itself takes the same time whatever was given.
                try await Task.sleep(for: .milliseconds(300))
                return Self.loginPage(sessions, problem: AdminText(language).wrongSecret, next: next, language: language, status: .unauthorized)
            case .paused(let seconds):
                self.logger.warning("admin sign-in paused", metadata: [
                    "code": "E487", "seconds": "\(seconds)", "browser": "\(device == nil ? "unknown" : "where an admin signed in")",
                    "reason": "\(self.signInThrottle.limit) failed sign-ins within \(Int(self.signInThrottle.window)) s; the secret was not checked",
                ])
                var response = Self.loginPage(
                    sessions, problem: AdminText(language).signInPaused(seconds: seconds), next: next, language: language, status: .tooManyRequests)
                response.headers[.retryAfter] = String(seconds)
                return response
            }
            let session = sessions.newSession(admin: admin.name, now: now)
            self.logger.notice("admin signed in", metadata: ["admin": "\(session.admin)", "session": "\(session.logTag)"])
            var response = Reply.redirect(next ?? "/admin")
            response.setCookie(sessions.renewedCookie(session, now: now))
            response.setCookie(sessions.cookie(AdminSessions.loginCookie, "", maxAge: 0))
            response.setCookie(sessions.cookie(AdminSessions.deviceCookie, sessions.deviceCookieValue(admin: admin.name), maxAge: AdminSessions.deviceLifetime))
            return response
        }
        router.post("/admin/logout") { request, _ in
            guard let sessions = self.adminSessions else { return Self.adminOffPage(request) }
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
            self.logger.notice("admin signed out", metadata: ["admin": "\(session.admin)", "session": "\(session.logTag)"])
            response.setCookie(sessions.cookie(AdminSessions.sessionCookie, "", maxAge: 0))
            return response
        }
    }

    /// A download of the round page, made by the Exports module and streamed; a refused export
    /// gets a page with its reason.
    private func download(_ request: Request, round: String, file: String) async throws -> Response {
        guard let sessions = adminSessions else { return Self.adminOffPage(request) }
        let roundPage = "/admin/rounds/" + AdminLanguage.queryValue(round)
        // Back to the round page after signing in: a download there would leave the browser on the sign-in form.
        guard let session = try signedIn(request, sessions) else { return Self.signInRedirect(request, page: roundPage) }
        let admin = AdminViews.SignedIn(session: session, csrf: sessions.csrfToken(session: session.nonce))
        // A refused export's language switch leads to the round page: back to the export itself would make it again.
        let frame = AdminViews.Frame(language: AdminLanguage.of(request), back: roundPage)
        guard let download = AdminDownload(rawValue: file), try store.round(named: round) != nil else { throw WebFailure.notFound }
        let language = request.uri.queryParameters.get("lang").map { String($0) }
        // `?excel=sv`: a CSV file for Excel in a Swedish locale; there is no other form of it.
        let excel = request.uri.queryParameters.get("excel")
        guard excel == nil || (excel == "sv" && download.isCSV) else { throw WebFailure.notFound }
        let forExcel = excel != nil
        var response: Response
        do {
            response = try await DownloadMaker(exporter: Exporter(store: store, samlaVersion: configuration.samlaVersion), cleaning: downloadCleaning)
                .response(download, round: round, language: language, forExcel: forExcel)
            logger.notice("admin download", metadata: [
                "admin": "\(session.admin)", "session": "\(session.logTag)",
                "round": "\(round)", "file": "\(download.rawValue)", "excel_sv": "\(forExcel)", "personal_data": "\(download.includesPersonalData)",
                "bytes": "\(response.body.contentLength ?? 0)",
                "cleaned_by": "\(download.isCleaned ? downloadCleaning.framework(forRound: round)?.source ?? "none" : "none")",
            ])
        } catch let error as ExportError {
            let reason = error.diagnostics(database: "the database").map { "\($0.message) (\($0.code.id))" }.joined(separator: "; ")
            logger.warning("admin download refused", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(reason)"])
            let status: HTTPResponse.Status = if case .languageUnknown = error { .badRequest } else { .conflict }
            response = Reply.html(AdminViews.exportRefused(round: round, reason: reason, admin: admin, frame: frame), status: status)
        } catch let error as AggregationError {
            let reason = error.diagnostics.map { "\($0.message) (\($0.code.id))" }.joined(separator: "; ")
            logger.warning("admin download refused", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(reason)"])
            response = Reply.html(AdminViews.exportRefused(round: round, reason: frame.words.cleaningRulesCannotApply + reason, admin: admin, frame: frame),
                                  status: .conflict)
        } catch let error as DownloadError {
            logger.error("admin download failed", metadata: ["round": "\(round)", "file": "\(download.rawValue)", "reason": "\(error)"])
            response = Reply.html(AdminViews.exportRefused(round: round, reason: error.description, admin: admin, frame: frame), status: .internalServerError)
        }
        response.setCookie(sessions.renewedCookie(session, now: clock()))
        return response
    }

    /// Runs `body` for a signed-in admin, whose session it counts as used; otherwise sends the
    /// visitor to the sign-in form.
    private func withSession(_ request: Request, _ body: (AdminViews.SignedIn) throws -> Response) throws -> Response {
        guard let sessions = adminSessions else { return Self.adminOffPage(request) }
        guard let session = try signedIn(request, sessions) else { return Self.signInRedirect(request) }
        var response = try body(AdminViews.SignedIn(session: session, csrf: sessions.csrfToken(session: session.nonce)))
        response.setCookie(sessions.renewedCookie(session, now: clock()))
        return response
    }

    /// The request's admin session: its cookie signed by an admin of the file, in use, and not
    /// signed out.
    private func signedIn(_ request: Request, _ sessions: AdminSessions) throws -> AdminSessions.Session? {
        guard case .valid(let session) = sessions.check(request.cookies[AdminSessions.sessionCookie]?.value, now: clock()),
              try !store.isSessionEnded(session.nonce)
        else { return nil }
        return session
    }

    /// Why the request's session ended, when its cookie is that of a session that ended without
    /// being signed out.
    private func endedSession(_ request: Request, _ sessions: AdminSessions) throws -> AdminSessions.Ending? {
        guard case .ended(let ending, let nonce) = sessions.check(request.cookies[AdminSessions.sessionCookie]?.value, now: clock()),
              try !store.isSessionEnded(nonce)
        else { return nil }
        return ending
    }

    /// To the sign-in form, with the page asked for (a bookmark, a colleague's link, a page whose
    /// session ended) to come back to after signing in; `page` when the address asked for is no page.
    private static func signInRedirect(_ request: Request, page: String? = nil) -> Response {
        Reply.redirect(loginPath(next: AdminSessions.returnPath(page ?? AdminLanguage.pathAsked(request))))
    }

    /// The sign-in form's address, with the page to go back to after it.
    private static func loginPath(next: String?) -> String {
        "/admin/login" + (next.map { "?next=" + AdminLanguage.queryValue($0) } ?? "")
    }

    /// The language of an admin page for `request`, and the page it asked for.
    private static func frame(_ request: Request) -> AdminViews.Frame {
        AdminViews.Frame(language: AdminLanguage.of(request), back: AdminLanguage.pathAsked(request))
    }

    /// The sign-in form in `language`; its language switch comes back to it, with the page asked for.
    private static func loginPage(
        _ sessions: AdminSessions, problem: String? = nil, notice: String? = nil, next: String?, language: String, status: HTTPResponse.Status = .ok
    ) -> Response {
        let nonce = Base64URL.randomToken(byteCount: 16)
        let frame = AdminViews.Frame(language: language, back: loginPath(next: next))
        var response = Reply.html(
            AdminViews.login(csrf: sessions.loginToken(nonce: nonce), problem: problem, notice: notice, next: next, frame: frame), status: status)
        response.setCookie(sessions.cookie(AdminSessions.loginCookie, nonce, maxAge: 3600))
        return response
    }

    private static func adminOffPage(_ request: Request) -> Response {
        Reply.html(AdminViews.off(frame(request)), status: .serviceUnavailable)
    }
}
