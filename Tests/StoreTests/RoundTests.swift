import Expressions
import GRDB
import SurveyDefinition
import Testing
@testable import Store

@Suite struct RoundLifecycleTests {
    @Test func openCloseReopen() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()

        let opened = try temporary.open("shop-2025", document)
        #expect(opened.created)
        #expect(!opened.definitionChanged)
        #expect(opened.round.status == .open)
        #expect(opened.round.definitionHash == document.contentHash)
        #expect(opened.round.opens == TestSurveys.opens && opened.round.closes == TestSurveys.closes)
        #expect(!opened.round.isAnonymous)
        #expect(opened.layoutChange.added == document.survey.variables.map(\.name))

        var summary = try #require(try store.roundSummaries().first)
        #expect(summary.round.name == "shop-2025")
        #expect(summary.definitionVersion == "1")
        #expect((summary.started, summary.complete, summary.invitations) == (0, 0, 0))

        let closed = try store.closeRound(named: "shop-2025")
        #expect(closed.status == .closed)
        #expect(closed.phase(on: TestSurveys.today) == .closed)

        let reopened = try store.openRound(RoundRequest(name: "shop-2025", document: document))
        #expect(!reopened.created)
        #expect(!reopened.definitionChanged)
        #expect(reopened.previousStatus == .closed)
        #expect(reopened.round.status == .open)
        #expect(reopened.round.opens == TestSurveys.opens, "dates kept when not given")
        #expect(reopened.layoutChange.isEmpty)

        let extended = try store.openRound(RoundRequest(name: "shop-2025", document: document, closes: CalendarDate(year: 2026, month: 3, day: 1)))
        #expect(extended.round.closes == CalendarDate(year: 2026, month: 3, day: 1))
        #expect(extended.round.opens == TestSurveys.opens)
        summary = try #require(try store.roundSummaries().first)
        #expect(summary.round.closes == CalendarDate(year: 2026, month: 3, day: 1))
        #expect(try store.roundSummaries().count == 1)
        #expect(try store.definitions(survey: "shop").count == 1)
    }

    @Test func phaseFollowsStatusAndDates() throws {
        let temporary = try TemporaryStore()
        let round = try temporary.open("shop-2025", TestSurveys.document()).round
        #expect(round.phase(on: CalendarDate(year: 2025, month: 9, day: 30)!) == .scheduled)
        #expect(round.phase(on: TestSurveys.opens) == .collecting)
        #expect(round.phase(on: TestSurveys.closes) == .collecting)
        #expect(round.isCollecting(on: TestSurveys.today))
        #expect(round.phase(on: CalendarDate(year: 2026, month: 2, day: 1)!) == .ended)
    }

    @Test func summariesCountResponsesByLanguageAndInvitations() throws {
        let temporary = try TemporaryStore()
        let store = temporary.store
        let document = TestSurveys.document()
        try temporary.open("shop-2025", document)
        try temporary.open("shop-2026", document)
        try temporary.importResponses(7, round: "shop-2025", document)
        let invited = try store.addInvitations((0..<4).map { _ in NewInvitation(token: .random()) }, round: "shop-2025", today: TestSurveys.today)
        let web = try store.createResponse(NewResponse(round: "shop-2025", language: "en", source: .web, invitationID: invited[0].id), today: TestSurveys.today)
        _ = try store.createResponse(NewResponse(round: "shop-2025", language: "de", source: .api), today: TestSurveys.today)
        _ = try store.completeResponse(web.id)

        let summaries = try store.roundSummaries()
        #expect(summaries.map(\.round.name) == ["shop-2025", "shop-2026"])
        let first = summaries[0]
        #expect(first.started == 9)
        #expect(first.complete == 8)
        #expect(first.byLanguage == [
            .init(language: "de", started: 1, complete: 0),
            .init(language: "en", started: 3, complete: 3),
            .init(language: "sv", started: 5, complete: 5),
        ])
        #expect((first.invitations, first.invitationsUsed) == (4, 1))
        #expect((summaries[1].started, summaries[1].complete, summaries[1].byLanguage) == (0, 0, []))
    }

    @Test func closingAnUnknownRoundSuggestsTheNearestName() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        #expect(throws: StoreError.unknownRound("shop-2052", suggestion: "shop-2025")) {
            _ = try temporary.store.closeRound(named: "shop-2052")
        }
        #expect(throws: StoreError.unknownRound("forum", suggestion: nil)) {
            _ = try temporary.store.closeRound(named: "forum")
        }
        let diagnostic = StoreError.unknownRound("shop-2052", suggestion: "shop-2025").diagnostics(database: "db.sqlite")[0]
        #expect(diagnostic.code.id == "E441")
        #expect(diagnostic.message.contains("did you mean shop-2025?"))
    }

    @Test func refusesBadNamesAndDates() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()
        #expect(throws: StoreError.invalidRoundName("Shop 2025")) {
            try temporary.open("Shop 2025", document)
        }
        #expect(throws: StoreError.missingRoundDates(round: "shop-2025")) {
            _ = try temporary.store.openRound(RoundRequest(name: "shop-2025", document: document, opens: TestSurveys.opens))
        }
        #expect(throws: StoreError.invalidRoundDates(round: "shop-2025", opens: TestSurveys.closes, closes: TestSurveys.opens)) {
            _ = try temporary.store.openRound(RoundRequest(name: "shop-2025", document: document, opens: TestSurveys.closes, closes: TestSurveys.opens))
        }
        #expect(try temporary.store.roundSummaries().isEmpty)
        #expect(try temporary.store.definitions(survey: "shop").isEmpty, "a refused round stores nothing")
    }

    @Test func aRoundNameBelongsToOneSurvey() throws {
        let temporary = try TemporaryStore()
        try temporary.open("spring", TestSurveys.document())
        #expect(throws: StoreError.roundOfAnotherSurvey(round: "spring", survey: "shop", requested: "forum")) {
            try temporary.open("spring", TestSurveys.document(id: "forum"))
        }
    }

    @Test func anonymityIsFixedWhenARoundIsCreated() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document()
        #expect(try temporary.open("open-door", document, anonymous: true).round.isAnonymous)
        #expect(try temporary.store.openRound(RoundRequest(name: "open-door", document: document)).round.isAnonymous, "kept when not given")
        try temporary.open("invited", document)
        #expect(throws: StoreError.anonymityChange(round: "invited", isAnonymous: false)) {
            try temporary.open("invited", document, anonymous: true)
        }
        #expect(throws: StoreError.anonymityChange(round: "open-door", isAnonymous: true)) {
            try temporary.open("open-door", document, anonymous: false)
        }
    }

    @Test func variableNamesThatCannotBeColumnsAreRefused() throws {
        let temporary = try TemporaryStore()
        let document = TestSurveys.document { survey in
            survey.pages[0].questions.append(Question(name: "round_id", type: .integer, location: TestSurveys.at(30)))
            survey.pages[0].questions.append(Question(name: "Founded", type: .integer, location: TestSurveys.at(31)))
        }
        #expect {
            try temporary.open("shop-2025", document)
        } throws: { error in
            guard case StoreError.unstorableSurvey("shop", let problems, _) = error else { return false }
            return problems == [.reservedName("round_id"), .caseClash("founded", "Founded")]
        }
        #expect(try temporary.store.roundSummaries().isEmpty)
    }

    @Test func surveysWhoseTablesWouldShareANameAreRefused() throws {
        let temporary = try TemporaryStore()
        try temporary.open("one", TestSurveys.document(id: "a-b"))
        #expect {
            try temporary.open("two", TestSurveys.document(id: "a_b"))
        } throws: { error in
            guard case StoreError.unstorableSurvey(_, let problems, _) = error else { return false }
            return problems == [.tableClash(otherSurvey: "a-b")]
        }
    }
}
