import Diagnostics
import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Intake

/// Files as `samla export` writes them: a multiple choice spread into one column per option, the
/// `status` of `--include-partial`, and the labels of `--labels`.
@Suite struct ExportedFileImportTests {
    static let today = ImportOptions(today: CalendarDate(year: 2025, month: 12, day: 1)!)
    /// Answers every row gives besides those of the test: has_staff no, so that staff is not asked.
    static let header = "org,legal_form,has_staff,voice_staff,voice_users"
    static let answers = "Kafé,ek,no,1,2"

    /// Imports `lines` (a header, then rows) into a fresh round; the caller cleans the fixture up.
    func importing(_ lines: [String], options: ImportOptions = Self.today) throws -> (ImportResult, ImportFixture) {
        let fixture = try ImportFixture()
        let path = try fixture.write("exported.csv", bytes: Array((lines.joined(separator: "\r\n") + "\r\n").utf8))
        return (fixture.importFile(path, options: options), fixture)
    }

    /// The stored answer of `name` in every response, in order.
    func stored(_ name: String, _ fixture: ImportFixture) throws -> [AnswerValue?] {
        var values: [AnswerValue?] = []
        var id: Int64 = 1
        while let response = try fixture.store.response(id) {
            values.append(response.answers[name])
            id += 1
        }
        return values
    }

    @Test func aMultipleChoiceIsReadFromItsOptionColumns() throws {
        let (result, fixture) = try importing([
            Self.header + ",sdg_1,sdg_3,sdg_8,sdg_10",
            Self.answers + ",0,1,1,0",
            Self.answers + ",,,,",
            Self.answers + ",1,,0,",
            Self.answers + ",0,0,0,0",
            Self.answers + ", 1 ,0,0,1",
        ])
        defer { fixture.cleanUp() }
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 5)
        #expect(try stored("sdg", fixture) == [.choices(["3", "8"]), nil, .choices(["1"]), nil, .choices(["1", "10"])])
    }

    @Test func anOptionCellOtherThanOneZeroOrEmptyIsRefusedAtItsColumn() throws {
        let (result, fixture) = try importing([
            Self.header + ",sdg_1,sdg_3,sdg_8,sdg_10",
            Self.answers + ",0,1,x,0",
            Self.answers + ",ja,0,0,0",
            Self.answers + ",1,1,1,1",
        ])
        defer { fixture.cleanUp() }
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.description) == [
            "exported.csv:2: error[E418]: row 1, column sdg_8: “x” is not 1, 0 or empty: the column says whether 8 is chosen in sdg; write 1 (chosen) or 0 (not chosen), or leave every option of the question empty for no answer",
            "exported.csv:3: error[E418]: row 2, column sdg_1: “ja” is not 1, 0 or empty: the column says whether 1 is chosen in sdg; write 1 (chosen) or 0 (not chosen), or leave every option of the question empty for no answer",
            "exported.csv:4: error[E411]: row 3, column sdg_1: “1 3 8 10” is not accepted: Choose at most three goals.",
        ].map { $0.replacingOccurrences(of: "exported.csv", with: fixture.folder.appendingPathComponent("exported.csv").path) })
        #expect(try fixture.responseCount() == 0)
    }

    @Test func someOptionColumnsButNotAllRefuseTheFile() throws {
        let (result, fixture) = try importing([
            Self.header + ",sdg_1,sdg_3",
            Self.answers + ",0,1",
        ])
        defer { fixture.cleanUp() }
        #expect(result.isRefused)
        #expect(result.errorsByCode.map(\.code) == [.optionColumnsIncomplete])
        #expect(result.diagnostics.first?.message
            == "the multiple choice sdg has 2 of its 4 option columns; add sdg_8, sdg_10 (1 chosen, 0 not), or give the answer as one column sdg of codes separated by spaces")
    }

    @Test func optionColumnsBesideTheQuestionsOwnColumnRefuseTheFile() throws {
        let (result, fixture) = try importing([
            Self.header + ",sdg,sdg_1,sdg_3,sdg_8,sdg_10",
            Self.answers + ",3,0,1,0,0",
        ])
        defer { fixture.cleanUp() }
        #expect(result.isRefused)
        #expect(result.errorsByCode.map(\.code) == [.optionColumnsIncomplete])
        #expect(result.diagnostics.first?.message.hasPrefix("column sdg and the option columns of sdg (sdg_1, …) both give its answer") == true)
    }

    /// A misspelt option column is E420 with its suggestion; the set is then not also reported incomplete.
    @Test func aMisspeltOptionColumnIsReportedOnce() throws {
        let (result, fixture) = try importing([
            Self.header + ",sdg_1,sdg_3,sdg_8,sdg_100",
            Self.answers + ",0,1,0,0",
        ])
        defer { fixture.cleanUp() }
        #expect(result.errorsByCode.map(\.code) == [.unknownColumn])
        #expect(result.diagnostics.first?.message == "column sdg_100 is not a variable of survey import-test (did you mean sdg_10?)")
    }

    /// How an exported response was collected (`source`), by which partner system (`api_client`)
    /// and under which definition (`definition_version`) are not read: an imported response was
    /// collected by import, under the round's definition, whatever the file says.
    @Test func theSourceAPIClientAndDefinitionVersionOfAnExportAreNotRead() throws {
        let (result, fixture) = try importing([
            "response_id,language,submitted_at,source,api_client,definition_version," + Self.header,
            "1,sv,2025-10-12T09:31:05.000Z,web,,2024.1," + Self.answers,
            "2,sv,2025-10-12T09:32:05.000Z,api,crm.one,2024.2," + Self.answers,
            "3,en,2025-10-12T09:33:05.000Z,api,'-crm,2024.2," + Self.answers,
        ])
        defer { fixture.cleanUp() }
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.diagnostics.map(\.code) == [.personalColumnsMissing], "no column refused or ignored with a warning: \(result.diagnostics)")
        #expect(result.imported == 3)
        let records = try (1...3).map { try #require(try fixture.store.response(Int64($0))).record }
        #expect(records.map(\.source) == [.import, .import, .import])
        #expect(records.map(\.apiClient) == [nil, nil, nil])
        let pinned = try #require(try fixture.store.roundSummaries().first { $0.round.id == records[0].roundID }).round.definitionHash
        #expect(records.allSatisfy { $0.definitionHash == pinned })
    }

    /// The status of an export with --include-partial: complete rows (and rows left empty) are
    /// imported as complete responses, partial rows as partial ones, whose required questions may
    /// be empty: stored unsubmitted, their time as when they were last saved, with the last page
    /// they answered on.
    @Test func partialRowsAreImportedAsPartialResponses() throws {
        let (result, fixture) = try importing([
            "response_id,language,submitted_at,status,org,legal_form,has_staff,staff,women,voice_staff,voice_users",
            "1,sv,2025-10-12T09:31:05.000Z,complete,Kafé,ek,no,,,1,2",
            "2,en,,partial,Halvfärdig,,,,,,",
            "3,sv,2025-10-13T08:00:00Z,PARTIAL,Verkstan,ek,yes,4,2,,",
            "4,sv,,,Kafé,ek,no,,,1,2",
            "5,sv,, partial ,,,,,,,",
        ])
        defer { fixture.cleanUp() }
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.errorCount == 0)
        #expect(result.imported == 5)
        #expect(result.importedPartial == 3)
        let records = try (1...5).map { try #require(try fixture.store.response(Int64($0))).record }
        #expect(records.map(\.status) == [.complete, .partial, .partial, .complete, .partial])
        #expect(records.map { $0.submittedAt?.text } == ["2025-10-12T09:31:05.000Z", nil, nil, records[3].startedAt.text, nil])
        #expect(records[2].startedAt.text == "2025-10-13T08:00:00.000Z" && records[2].updatedAt == records[2].startedAt,
                "a partial row's time is when it was begun and last saved")
        #expect(records.map(\.currentPage) == [nil, "about", "people", nil, nil], "the last page answered; none without answers")
        #expect(records.map(\.language) == ["sv", "en", "sv", "sv", "sv"])
        #expect(records.allSatisfy { $0.source == .import && $0.invitationID == nil })
        #expect(try stored("org", fixture) == [.text("Kafé"), .text("Halvfärdig"), .text("Verkstan"), .text("Kafé"), nil])
        #expect(try stored("women", fixture) == [nil, nil, .integer(2), nil, nil])
        #expect(try stored("size", fixture)[2] == .text("small"), "calculations are computed for a partial response too")
    }

    /// A partial row's answers are checked as the same row's marked complete (type, choices,
    /// constraints, relevance, other texts), but for its required questions left empty; a status
    /// other than complete or partial is E436, and the row's answers are not checked.
    @Test func aPartialRowIsCheckedAsACompleteOneButForRequiredQuestions() throws {
        let header = "status,org,legal_form,legal_form_other,has_staff,staff,women,voice_staff,voice_users"
        let rows = [
            ",Kafé,ek,,no,4,,,",           // staff is not asked when has_staff is no: E413
            ",Kafé,xx,,,,,,",              // not a code: E406
            ",Kafé,ek,,yes,0,,,",          // below the constraint's 1: E411
            ",Kafé,ek,,yes,4,9,,",         // more women than staff: E411
            ",Kafé,ek,Stiftelse,,,,,",     // an other text without other chosen: E410
            ",,,,,,,,4",                   // not a code of the scale: E406
            ",Kafé,,,,,,,",                // nothing wrong but what is missing
        ]
        /// The problems of `rows` marked `status`, as "row code column".
        func problems(_ status: String) throws -> [String] {
            var options = Self.today
            options.skipInvalid = true
            let (result, fixture) = try importing([header] + rows.map { status + $0 }, options: options)
            defer { fixture.cleanUp() }
            return result.diagnostics.filter(\.isError).map { diagnostic in
                guard case .record(_, let row, let column, _) = diagnostic.location else { return "\(diagnostic.code.id)" }
                return "\(row) \(diagnostic.code.id) \(column ?? "")"
            }
        }
        let partial = try problems("partial")
        #expect(partial == ["1 E413 staff", "2 E406 legal_form", "3 E411 staff", "4 E411 women", "5 E410 legal_form_other", "6 E406 voice_users"])
        #expect(partial == (try problems("complete")).filter { !$0.contains(" E412 ") }, "the same checks, but for required questions")

        var options = Self.today
        options.skipInvalid = true
        let (skipping, fixture) = try importing([header] + rows.map { "partial" + $0 } + ["klar,Kafé,ek,,no,,,1,2"], options: options)
        defer { fixture.cleanUp() }
        #expect(skipping.imported == 1 && skipping.importedPartial == 1)
        #expect(skipping.refusedRows == 7 && skipping.refusedPartialRows == 6)
        #expect(skipping.diagnostics.filter { $0.code == .unknownResponseStatus }.map(\.message) == [
            "“klar” is not a status of a response: write complete (submitted) or partial (begun, not submitted); an empty cell is complete",
        ])
        #expect(try fixture.store.response(1)?.record.status == .partial)
    }

    /// A file with labels instead of codes (an export with --labels) is refused with E437, naming the code.
    @Test func labelsAreRefusedAsALabelsExport() throws {
        let (result, fixture) = try importing([
            Self.header,
            "Kafé,Aktiebolag,Nej,Inte alls,Lite",
            "Kafé,Cooperative,no,1,A lot",
            "Kafé,aktiebolagen,no,1,2",
        ])
        defer { fixture.cleanUp() }
        #expect(result.isRefused)
        #expect(result.errorsByCode.map { "\($0.code.id) \($0.count)" } == ["E437 6", "E406 1"])
        #expect(result.diagnostics.contains { $0.description.hasSuffix("row 1, column legal_form: “Aktiebolag” is the label of the code ab, not a code: write ab. Labels are not read back, as they change between versions and languages: if the file is an export made with --labels, export the round again without it") })
    }

    /// A text an export wrote with an apostrophe in front (it starts like a formula) is read without
    /// it; a text whose apostrophe is its own is read as it stands.
    @Test func aNeutralizedTextIsReadAsTheTextItWasWrittenFrom() throws {
        let (result, fixture) = try importing([
            "org,legal_form,legal_form_other,has_staff,voice_staff,voice_users",
            "'-ok,ek,,no,1,2",
            "''=x,other,'@anna,no,1,2",
            "'hello,ek,,no,1,2",
            " '-3 ,ek,,no,1,2",
        ])
        defer { fixture.cleanUp() }
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(try stored("org", fixture) == [.text("-ok"), .text("'=x"), .text("'hello"), .text("'-3")])
        #expect(try stored("legal_form_other", fixture) == [nil, .text("@anna"), nil, nil])
    }
}
