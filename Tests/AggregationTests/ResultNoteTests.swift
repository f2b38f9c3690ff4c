import Aggregation
import Expressions
import Testing

/// The notes of a result set are values, said in English or Swedish in one place.
struct ResultNoteTests {
    static let version1 = DefinitionVersion(survey: "shop", version: "1")
    static let regions = UnknownCode(code: "east", list: "regions", codes: ["north", "south"])

    /// Each note with its English and Swedish text.
    static let cases: [(ResultNote, String, String)] = [
        (.roundWithoutData(round: "shop-2026"),
         "round shop-2026 has no data in the database yet",
         "omgång shop-2026 har inga data i databasen ännu"),
        (.roundWithoutResponses(round: "shop-2026", readsPartial: false),
         "round shop-2026 has no submitted responses in the database yet",
         "omgång shop-2026 har inga inskickade svar i databasen ännu"),
        (.roundWithoutResponses(round: "shop-2026", readsPartial: true),
         "round shop-2026 has no responses in the database yet",
         "omgång shop-2026 har inga svar i databasen ännu"),
        (.indicatorNotComputed(indicator: "mean_visits", round: "shop-2024", definition: version1, lacking: .variables(["visits", "spend"])),
         "mean_visits is not computed for round shop-2024: its definition (shop version 1) has no visits, spend",
         "mean_visits beräknas inte för omgång shop-2024: dess definition (shop version 1) saknar visits, spend"),
        (.indicatorNotComputed(indicator: "share_east", round: "shop-2024", definition: version1, lacking: .code(regions)),
         "share_east is not computed for round shop-2024: its definition (shop version 1) has no code 'east' in list regions, whose codes are north, south",
         "share_east beräknas inte för omgång shop-2024: dess definition (shop version 1) saknar koden 'east' i listan regions, vars koder är north, south"),
        (.roundsOutOfOrder(round: "shop-2024", opens: CalendarDate(year: 2024, month: 1, day: 1)!,
                           earlier: "shop-2025", earlierOpens: CalendarDate(year: 2025, month: 1, day: 1)!),
         "round shop-2024 opens on 2024-01-01, before shop-2025 (2025-01-01), which `rounds` declares earlier; changes follow the declared order, so if the dates are right, list the rounds in time order",
         "omgång shop-2024 öppnar 2024-01-01, före shop-2025 (2025-01-01), som `rounds` anger som tidigare; förändringar följer den angivna ordningen, så om datumen stämmer, lista omgångarna i tidsordning"),
        (.roundPostStratified(round: "shop-2024", variables: ["region"], source: "SCB:s företagsregister 2024"),
         "the estimates of round shop-2024 are weighted to known population counts by region (SCB:s företagsregister 2024): counts and totals are estimates for the whole population",
         "skattningarna för omgång shop-2024 är viktade till kända antal i populationen efter region (SCB:s företagsregister 2024): antal och summor är skattningar för hela populationen"),
        (.roundPostStratified(round: "shop-2024", variables: ["region"], source: nil),
         "the estimates of round shop-2024 are weighted to known population counts by region: counts and totals are estimates for the whole population",
         "skattningarna för omgång shop-2024 är viktade till kända antal i populationen efter region: antal och summor är skattningar för hela populationen"),
    ]

    @Test(arguments: cases)
    func aNoteIsSaidInEachLanguage(note: ResultNote, english: String, swedish: String) {
        #expect(note.text("en") == english)
        #expect(note.text("sv") == swedish)
    }

    @Test func eachKindOfNoteHasItsOwnStableName() {
        #expect(Self.cases.map(\.0.kind) == [
            "round-without-data", "round-without-responses", "round-without-responses",
            "indicator-not-computed", "indicator-not-computed", "rounds-out-of-order", "round-post-stratified", "round-post-stratified",
        ])
        #expect(Self.cases.map(\.0.round) == ["shop-2026", "shop-2026", "shop-2026", "shop-2024", "shop-2024", "shop-2024", "shop-2024", "shop-2024"])
        #expect(Self.cases.map(\.0.indicator) == [nil, nil, nil, "mean_visits", "share_east", nil, nil, nil])
    }

    /// A long choice list is not spelt out in the note.
    @Test func aLongListOfCodesIsLeftOut() {
        let counties = UnknownCode(code: "XX", list: "counties", codes: (1...21).map { "C\($0)" })
        let note = ResultNote.indicatorNotComputed(indicator: "by_county", round: "r", definition: Self.version1, lacking: .code(counties))
        #expect(note.text("en").hasSuffix("has no code 'XX' in list counties"))
        #expect(note.text("sv").hasSuffix("saknar koden 'XX' i listan counties"))
    }

    /// A round without data names the database's rounds of its survey that the framework does not
    /// declare, one of which may be the same round under another name.
    @Test func aRoundWithoutDataNamesUndeclaredRoundsOfItsSurvey() {
        let note = ResultNote.roundWithoutData(round: "shop-2026", undeclared: ["shop-26"])
        #expect(note.kind == "round-without-data" && note.round == "shop-2026")
        #expect(note.text("en") == "round shop-2026 has no data in the database yet; the database has round shop-26 of the same survey, "
            + "which the framework does not declare: if it is this round, declare its name under `rounds` instead")
        #expect(note.text("sv") == "omgång shop-2026 har inga data i databasen ännu; databasen har omgången shop-26 av samma enkät, "
            + "som ramverket inte anger: om det är samma omgång, ange dess namn under `rounds` i stället")
        #expect(ResultNote.roundWithoutData(round: "shop-2026", undeclared: ["a", "b"]).text("en").contains("rounds a, b of the same survey"))
    }

    /// A round without data that holds baselines given as values names them, in either language,
    /// instead of saying it has no data "yet".
    @Test func aRoundHoldingBaselinesNamesThem() {
        let one = ResultNote.roundWithoutData(round: "shop-2022", baselines: ["mean_visits"])
        #expect(one.text("en") == "round shop-2022 has no data in the database; the framework gives the baseline in it of mean_visits as a value")
        #expect(one.text("sv") == "omgång shop-2022 har inga data i databasen; ramverket anger utgångsvärdet i den för mean_visits som tal")
        let two = ResultNote.roundWithoutData(round: "shop-2022", baselines: ["mean_visits", "share_east"])
        #expect(two.text("en") == "round shop-2022 has no data in the database; the framework gives the baselines in it of mean_visits, share_east as values")
        #expect(two.text("sv") == "omgång shop-2022 har inga data i databasen; ramverket anger utgångsvärdena i den för mean_visits, share_east som tal")
        #expect(one.kind == "round-without-data" && one.round == "shop-2022")
    }
}
