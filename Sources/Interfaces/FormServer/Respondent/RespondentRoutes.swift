import Hummingbird
import Intake
import Responses
import Store
import SurveyDefinition

/// `GET /s/ROUND` shows an anonymous round's start page and `POST /s/ROUND` begins a response;
/// `GET /t/TOKEN` leads to the page a response stands on, `GET /t/TOKEN/N` shows its page N
/// (``PageAddress``); a post to either takes the page its form names.
extension FormServer {
    func addRespondentRoutes(_ router: Router<BasicRequestContext>) {
        // The GET (and so the HEAD) begins nothing: mail scanners and link previews fetch links.
        router.get("/s/:round") { request, context in
            try self.startLink(request, round: context.parameters.get("round") ?? "")
        }
        router.get("/S/:round") { request, context in
            try self.startLink(request, round: context.parameters.get("round") ?? "")
        }
        router.post("/s/:round") { request, context in
            try await self.startAnonymous(request, round: context.parameters.get("round") ?? "")
        }
        router.get("/t/:token") { request, context in
            try self.showResponse(request, token: context.parameters.get("token") ?? "", page: nil)
        }
        router.get("/t/:token/:page") { request, context in
            try self.showResponse(request, token: context.parameters.get("token") ?? "", page: context.parameters.get("page") ?? "")
        }
        router.post("/t/:token") { request, context in
            try await self.postPage(request, token: context.parameters.get("token") ?? "")
        }
        // The posted form names its page; the address it was posted to is where the browser stood.
        router.post("/t/:token/:page") { request, context in
            try await self.postPage(request, token: context.parameters.get("token") ?? "")
        }
    }

    private func requestedLanguage(_ request: Request, offered: [String]) -> String {
        LanguageChoice.choose(query: request.uri.queryParameters.get("lang"), acceptLanguage: request.headers[.acceptLanguage], offered: offered)
    }

    /// What the start link `/s/ROUND` shows. Written in capitals (a QR code's alphanumeric mode
    /// takes the whole address so: `/S/FORUM-2026`), it is sent on to the link in lowercase, as
    /// round names are, where the start page's form, language links and cookie belong.
    private func startLink(_ request: Request, round name: String) throws -> Response {
        let lowercase = name.lowercased()
        if lowercase != name || request.uri.path.hasPrefix("/S/"),
           lowercase.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
            return Reply.redirect("/s/" + lowercase + (request.uri.query.map { "?" + $0 } ?? ""))
        }
        return try anonymousStartPage(try submissions.checkAnonymousStart(round: name), request, path: "/s/" + name)
    }

    /// An anonymous round's start link, which a form page offers to pass on instead of its own address.
    private static func startPath(of round: Round) -> String? {
        round.isAnonymous ? "/s/" + round.name : nil
    }

    /// Takes the start form: begins a response in the language the start page was shown in and
    /// sends the respondent to its link.
    private func startAnonymous(_ request: Request, round name: String) async throws -> Response {
        let body = try await request.collectBody(limit: configuration.maximumBodyBytes)
        guard let form = FormBody(body.readableBytesView) else { throw WebFailure.badRequest }
        guard signer.verifyStartToken(form[FormFieldName.csrf], round: name) else {
            logger.notice("start form refused", metadata: ["code": "E475", "reason": "missing or wrong CSRF token"])
            throw WebFailure.csrf
        }
        let preferred = form[FormFieldName.language] ?? request.uri.queryParameters.get("lang")
            ?? request.headers[.acceptLanguage].flatMap { LanguageChoice.preferred($0, offered: UIText.languages) }
        return try anonymousStartPage(try await submissions.beginAnonymous(round: name, language: preferred, startNonce: form[FormFieldName.start]), request, path: "/s/" + name)
    }

    /// What the start link answers with `outcome`: the start page, the new response's link, or why not.
    /// Its form and language links go to `path`, the link as written (`/s/ROUND`), never the path
    /// asked for: the router takes `//s/ROUND` too, and `//s/ROUND?lang=en` is a link to the host `s`.
    private func anonymousStartPage(_ outcome: AnonymousStartOutcome, _ request: Request, path: String) throws -> Response {
        switch outcome {
        case .started(let token, let round):
            var reply = Reply.redirect(PageAddress.link(token.text))
            reply.setCookie(BegunResponseCookie.cookie(token, round: round.name, secure: configuration.secureCookies))
            return reply
        case .open(let round):
            let survey = try submissions.validator(definition: round.definitionHash).survey
            let language = requestedLanguage(request, offered: survey.languages)
            return Reply.html(StartPageView(
                survey: survey, language: language, action: path, csrfToken: signer.startToken(round: round.name), startNonce: Base64URL.randomToken(byteCount: 16),
                languageLinks: languageLinks(path: path, except: language, offered: survey.languages),
                begunPath: try begunResponsePath(request, round: round.name)).render())
        case .unknownRound:
            let language = requestedLanguage(request, offered: UIText.languages)
            let words = UIText(language)
            return Reply.html(MessagePageView(
                language: language, title: words.unknownLinkTitle, paragraphs: [words.unknownLinkBody],
                languageLinks: languageLinks(path: path, except: language, offered: UIText.languages)).render(), status: .notFound)
        case .invitationOnly(let round):
            let survey = try submissions.validator(definition: round.definitionHash).survey
            let language = requestedLanguage(request, offered: survey.languages)
            let words = UIText(language)
            return Reply.html(MessagePageView(
                language: language, title: words.invitationOnlyTitle, paragraphs: [words.invitationOnlyBody],
                heading: survey.title.resolved(language, fallbacks: survey.languages),
                languageLinks: languageLinks(path: path, except: language, offered: survey.languages)).render(), status: .forbidden)
        case .notCollecting(let round, let phase):
            let survey = try submissions.validator(definition: round.definitionHash).survey
            let language = requestedLanguage(request, offered: survey.languages)
            return roundNotCollectingPage(round: round, phase: phase, survey: survey, language: language, path: path)
        }
    }

    /// The link of the response this browser began in `round` (``BegunResponseCookie``) while it
    /// takes answers: not submitted, not withdrawn.
    private func begunResponsePath(_ request: Request, round: String) throws -> String? {
        guard let token = request.cookies[BegunResponseCookie.name]?.value, let response = try submissions.open(token: token),
              response.round.name == round, response.record != nil, !response.isComplete, !response.isWithdrawn else { return nil }
        return PageAddress.link(token)
    }

    /// What link `token` shows at its page `segment` (`/t/TOKEN/N`), or at the link itself when nil.
    /// A response being filled in shows a page the respondent has reached; the link, and any other
    /// page, is sent on (303) to the page the respondent stands on.
    private func showResponse(_ request: Request, token: String, page segment: String?) throws -> Response {
        let path = PageAddress.link(token)
        guard var response = try submissions.open(token: token) else { return unknownLinkPage(request, path: path) }
        let survey = response.survey
        let asked = request.uri.queryParameters.get("lang").flatMap { survey.languages.contains($0) ? $0 : nil }
        let language = asked ?? response.record?.language ?? requestedLanguage(request, offered: survey.languages)
        if response.isWithdrawn { return withdrawnPage(survey: survey, language: language, path: path) }
        if response.isComplete {
            let words = UIText(language)
            let startPath = Self.startPath(of: response.round)
            return Reply.html(MessagePageView(
                language: language, title: words.thanksTitle, paragraphs: [words.thanksBody] + (startPath == nil ? [] : [words.thanksShareNote]),
                heading: survey.title.resolved(language, fallbacks: survey.languages),
                languageLinks: languageLinks(path: path, except: language, offered: survey.languages),
                link: startPath.map { (words.startLinkTitle, $0) }).render())
        }
        guard response.phase == .collecting else {
            return roundNotCollectingPage(round: response.round, phase: response.phase, survey: survey, language: language, path: path)
        }
        let current = response.currentPage ?? 0
        guard let page = segment.flatMap({ PageAddress.page($0, count: survey.pages.count) }),
              page == current || response.hasReached(page: page) else {
            return Reply.redirect(PageAddress.of(page: current, token: token) + (asked.map { "?lang=" + FormBody.encode($0) } ?? ""))
        }
        let validator = response.validator
        // Taken before the defaults, which are not stored: only what the store holds can have been erased.
        let shown = survey.pages[page].questions.contains(where: \.isPII)
            ? ShownPersonalAnswers.digests(of: Self.fieldValues(of: response.sheet, page: page, words: UIText(language)), validator) : []
        validator.applyDefaults(page: page, to: &response.sheet)
        let sheet = response.sheet
        let view = FormPageView(
            validator: validator, sheet: sheet, page: page, values: Self.fieldValues(of: sheet, page: page, words: UIText(language)),
            problems: [], language: language, action: PageAddress.of(page: page, token: token),
            csrfToken: respondentTokens.token(linkTokenHash: response.linkTokenHash), shownPersonal: shown,
            describesSurvey: response.invitation != nil, startPath: Self.startPath(of: response.round), maximumBodyBytes: configuration.maximumBodyBytes)
        return Reply.html(view.render())
    }

    private func postPage(_ request: Request, token: String) async throws -> Response {
        let body = try await request.collectBody(limit: configuration.maximumBodyBytes)
        guard let form = FormBody(body.readableBytesView) else { throw WebFailure.badRequest }
        return try await submissions.openForPost(token: token) { (response: consuming WebResponse?) in
            if case .none = response { return unknownLinkPage(request, path: PageAddress.link(token)) }
            // Moved on, not copied: the post then holds the only reference to its sheet and stored answers.
            return try await take(form, token: token, response: response.take()!)
        }
    }

    private func take(_ form: FormBody, token: String, response: consuming WebResponse) async throws -> Response {
        guard respondentTokens.verify(form[FormFieldName.csrf], linkTokenHash: response.linkTokenHash) else {
            logger.notice("form post refused", metadata: ["code": "E475", "reason": "missing or wrong CSRF token"])
            throw WebFailure.csrf
        }
        let survey = response.survey
        let language = form[FormFieldName.language].flatMap { survey.languages.contains($0) ? $0 : nil }
            ?? response.record?.language ?? survey.languages[0]
        let action: PageAction = switch form[FormFieldName.action] {
        case "back": .back
        case let value? where value.hasPrefix("lang-"): .switchLanguage(String(value.dropFirst(5)))
        default: .next
        }
        let validator = response.validator, linkTokenHash = response.linkTokenHash, describesSurvey = response.invitation != nil
        let startPath = Self.startPath(of: response.round)
        var post = PagePost(
            page: form[FormFieldName.page], fields: Self.formFields(form, validator: validator), action: action, language: language,
            decimalSeparator: UIText(language).decimalSeparator.first, shownPersonal: ShownPersonalAnswers.parse(form[FormFieldName.shown]))
        let path = PageAddress.link(token)
        let outcome: PagePostOutcome
        do {
            outcome = try await submissions.post(&post, to: consume response)
        } catch {
            guard let diagnostic = WebFailure.databaseFailure(error, database: configuration.database),
                  let page = try notSavedPage(post, token: token) else { throw error }
            WebFailure.logNotStored(diagnostic, path: RequestLogMiddleware<BasicRequestContext>.redacted(path), logger: logger)
            return page
        }
        switch outcome {
        case .moved(let page):
            return Reply.redirect(PageAddress.of(page: page, token: token))
        case .completed, .superseded, .pageNotShown:
            return Reply.redirect(path)
        case .alreadyComplete, .notCollecting, .withdrawn:
            // Its page says why nothing was saved; a language switch asked for it in that language.
            guard case .switchLanguage(let chosen) = post.action, survey.languages.contains(chosen) else { return Reply.redirect(path) }
            return Reply.redirect(path + "?lang=" + FormBody.encode(chosen))
        case .rejected(let page, let problems, let sheet, let language):
            let values = Self.postedValues(post, on: sheet, page: page, language: language)
            let view = FormPageView(
                validator: validator, sheet: sheet, page: page, values: values, problems: problems,
                language: language, action: PageAddress.of(page: page, token: token), csrfToken: respondentTokens.token(linkTokenHash: linkTokenHash),
                shownPersonal: Self.stillShown(post, values: values, validator),
                describesSurvey: describesSurvey, startPath: startPath, maximumBodyBytes: configuration.maximumBodyBytes, stayedForBack: post.action == .back)
            return Reply.html(view.render(), status: .unprocessableContent)
        }
    }

    /// The posted page shown again with what was posted in its fields, saying that it was not saved
    /// (503, `Retry-After`): the database could not take the save (busy, full, read-only), and the
    /// respondent sends the page again later instead of filling it in again. Nil when the page cannot
    /// be shown (the response no longer opens, or the page is not one it shows), for the plain 503 page.
    private func notSavedPage(_ post: PagePost, token: String) throws -> Response? {
        guard var response = try submissions.open(token: token), !response.isComplete, !response.isWithdrawn else { return nil }
        let validator = response.validator
        guard let page = post.page.flatMap({ id in validator.survey.pages.firstIndex { $0.id == id } }),
              validator.isPageRelevant(page, in: response.sheet) else { return nil }
        var post = post
        response.leaveOutErased(from: &post)
        _ = validator.submit(page: page, fields: post.fields, decimalSeparator: post.decimalSeparator, to: &response.sheet)
        let values = Self.postedValues(post, on: response.sheet, page: page, language: post.language)
        let view = FormPageView(
            validator: validator, sheet: response.sheet, page: page, values: values,
            problems: [], language: post.language, action: PageAddress.of(page: page, token: token),
            csrfToken: respondentTokens.token(linkTokenHash: response.linkTokenHash), shownPersonal: Self.stillShown(post, values: values, validator),
            describesSurvey: response.invitation != nil, startPath: Self.startPath(of: response.round),
            maximumBodyBytes: configuration.maximumBodyBytes, notSaved: true)
        var reply = Reply.html(view.render(), status: .serviceUnavailable)
        reply.headers[.retryAfter] = String(WebFailure.retryAfterSeconds)
        return reply
    }

    /// What a page shown again as posted carries of the personal answers its post carried: those it
    /// still shows as they were, not one left out as erased nor one typed anew, which is not stored.
    static func stillShown(_ post: PagePost, values: [String: FormField], _ validator: ResponseValidator) -> Set<String> {
        guard !post.shownPersonal.isEmpty else { return [] }
        return post.shownPersonal.intersection(ShownPersonalAnswers.digests(of: values, validator))
    }

    /// The CSRF token the form of link `token` carries (the benchmark's fixture makes them too).
    public func csrfToken(forLink token: String) -> String {
        respondentTokens.token(linkTokenHash: InvitationToken.hash(token))
    }

    /// The posted answers by variable: several values for a multiple choice, else the first.
    static func formFields(_ form: FormBody, validator: ResponseValidator) -> [String: FormField] {
        var fields: [String: FormField] = [:]
        fields.reserveCapacity(form.fields.count)
        for (name, values) in form.fields where !FormFieldName.isOwn(name) {
            guard let index = validator.index(ofVariable: name) else { continue }
            fields[name] = validator.variables[index].type == .choices ? .selections(values) : .text(values.first ?? "")
        }
        return fields
    }

    /// What the fields of a page shown again after its post show: what was posted, as it was typed,
    /// and the sheet's answers for the fields it did not post.
    static func postedValues(_ post: PagePost, on sheet: AnswerSheet, page: Int, language: String) -> [String: FormField] {
        fieldValues(of: sheet, page: page, words: UIText(language)).merging(post.fields) { _, posted in posted }
    }

    /// What the fields of `page` show for the answers on `sheet`, decimals written as `words` write them.
    static func fieldValues(of sheet: AnswerSheet, page: Int, words: UIText) -> [String: FormField] {
        let validator = sheet.validator
        var values: [String: FormField] = [:]
        for position in validator.questionPositions(onPage: page) {
            let (answers, other) = validator.variableIndices(ofQuestion: position)
            for index in answers + (other.map { [$0] } ?? []) {
                guard let value = sheet.values[index] else { continue }
                switch value {
                case .choices(let codes): values[validator.variables[index].name] = .selections(codes)
                case .decimal where words.decimalSeparator != ".":
                    values[validator.variables[index].name] = .text(AnswerText.text(of: value).replacingOccurrences(of: ".", with: words.decimalSeparator))
                default: values[validator.variables[index].name] = .text(AnswerText.text(of: value))
                }
            }
        }
        return values
    }

    private func unknownLinkPage(_ request: Request, path: String) -> Response {
        let language = requestedLanguage(request, offered: UIText.languages)
        let words = UIText(language)
        logger.notice("unknown link", metadata: ["code": "E482"])
        return Reply.html(MessagePageView(
            language: language, title: words.unknownLinkTitle, paragraphs: [words.unknownLinkBody],
            languageLinks: languageLinks(path: path, except: language, offered: UIText.languages)).render(), status: .notFound)
    }

    /// The page of a link whose respondent withdrew: a clear answer that it takes no responses, not an error.
    private func withdrawnPage(survey: Survey, language: String, path: String) -> Response {
        let words = UIText(language)
        logger.notice("link of a withdrawn invitation", metadata: ["code": "E706"])
        return Reply.html(MessagePageView(
            language: language, title: words.withdrawnTitle, paragraphs: [words.withdrawnBody],
            heading: survey.title.resolved(language, fallbacks: survey.languages),
            languageLinks: languageLinks(path: path, except: language, offered: survey.languages)).render(), status: .gone)
    }

    private func roundNotCollectingPage(round: Round, phase: RoundPhase, survey: Survey, language: String, path: String) -> Response {
        let words = UIText(language)
        let (title, body) = phase == .scheduled
            ? (words.scheduledTitle, words.scheduledBody(round.opens))
            : (words.closedTitle, words.closedBody)
        return Reply.html(MessagePageView(
            language: language, title: title, paragraphs: [body], heading: survey.title.resolved(language, fallbacks: survey.languages),
            languageLinks: languageLinks(path: path, except: language, offered: survey.languages)).render(), status: .forbidden)
    }

    func languageLinks(path: String, except language: String, offered: [String]) -> [PageShell.LanguageLink] {
        offered.filter { $0 != language }.map { PageShell.LanguageLink(language: $0, href: path + "?lang=" + FormBody.encode($0)) }
    }
}
