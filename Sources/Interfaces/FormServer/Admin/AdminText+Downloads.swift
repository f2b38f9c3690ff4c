/// The words of the round page's exports section and of a refused export.
extension AdminText {
    var exports: String { pick("Exporter", "Exports") }
    var exportsIntro: String {
        pick("Bara slutförda svar. Filerna görs ur databasen när du följer en länk (som `samla export` gör dem). Personuppgifter är utelämnade.",
             "Complete responses only, made from the database when you follow a link (as `samla export` makes them). Personal data is left out.")
    }
    var exportsForExcel: String {
        pick("CSV-filerna är kommaseparerade med decimalpunkt, för program och `samla import`. Excel med svenska inställningar öppnar en sådan fil i en enda kolumn och läser 3.5 som text eller datum: ta länken ”för Excel (sv)”, separerad med semikolon och med decimalkomma (som `samla export --delimiter \";\" --decimal-comma`), som Excel öppnar i kolumner med tal. `samla import` läser båda.",
             "The CSV files are comma-separated with decimal points, for programs and `samla import`. Excel with Swedish settings opens such a file in one column and reads 3.5 as text or a date: take the link “for Excel (sv)”, separated by semicolons with decimal commas (as `samla export --delimiter \";\" --decimal-comma`), which it opens in columns with numbers. `samla import` reads both.")
    }
    var forExcel: String { pick("för Excel (sv)", "for Excel (sv)") }
    var wideWithCodes: String { pick("Svar, bred CSV med koder", "Responses, wide CSV with codes") }
    var wideWithCodesNote: String { pick(": en rad per svar, en kolumn per variabel.", ": one row per response, one column per variable.") }
    var wideWithLabels: String { pick("Svar, bred CSV med etiketter: ", "Responses, wide CSV with labels: ") }
    var forExcelLinks: String { pick("; för Excel (sv): ", "; for Excel (sv): ") }
    var long: String { pick("Svar, lång CSV", "Responses, long CSV") }
    var longNote: String { pick(": en rad per besvarad variabel (svar, variabel, värde).", ": one row per answer (response, variable, value).") }
    var codebookMarkdown: String { pick("Kodbok, Markdown: ", "Codebook, Markdown: ") }
    var codebookCSV: String { pick("kodbok, CSV", "codebook, CSV") }
    var everyLanguage: String { pick(" (alla språk).", " (every language).") }
    var noPackage: String {
        pick("Inget Euclid-datapaket: ingen fråga i den här enkäten har `export_as`, namnet som partner delar, så paketet skulle inte ha någon kolumn.",
             "No Euclid data package: no question of this survey has an `export_as`, the name partners share, so it would hold no column.")
    }
    func cleanedPackage(_ framework: String) -> String {
        pick("Euclid-datapaket, ZIP, rensat enligt ramverket \(framework)", "Euclid data package, ZIP, cleaned by framework \(framework)")
    }
    var cleanedPackageNote: String {
        pick(": partnerexporten (kolumner med namnen i `export_as`, svarande som pseudonymer, inga personuppgifter) av de svar som ramverkets rensningsregler behåller, med `cleaning-log.csv`, indikatorresultaten, kodboken, `datapackage.json` och `provenance.json`, som `samla export --framework` gör den.",
             ": the partner export (columns named by export_as, respondents as pseudonyms, no personal data) of the responses the framework's cleaning rules keep, with cleaning-log.csv, the indicator results, its codebook, datapackage.json and provenance.json, as `samla export --framework` makes it.")
    }
    var package: String { pick("Euclid-datapaket, ZIP", "Euclid data package, ZIP") }
    var packageNote: String {
        pick(": partnerexporten (kolumner med namnen i `export_as`, svarande som pseudonymer, inga personuppgifter) med kodboken, `datapackage.json` och `provenance.json`. ",
             ": the partner export (columns named by export_as, respondents as pseudonyms, no personal data) with its codebook, datapackage.json and provenance.json. ")
    }
    var notCleaned: String {
        pick("Inte rensat: starta `samla serve` med `--framework` för att tillämpa rensningsregler.",
             "Not cleaned: start `samla serve` with `--framework` to apply cleaning rules.")
    }
    var personalData: String { pick("Personuppgifter", "Personal data") }
    var personalDataNote: String {
        pick("Den här filen innehåller svaren som är markerade som personuppgifter (namn, e-postadresser, telefonnummer). Behåll den inom MSI, spara den bara där personuppgifter får förvaras och radera den när du är klar. Varje nedladdning loggas.",
             "This file includes the answers marked personal (names, email addresses, phone numbers). Keep it within MSI, store it only where personal data may be kept, and delete it when you are done. Every download is logged.")
    }
    var withPersonalData: String { pick("Svar med personuppgifter, bred CSV med koder", "Responses including personal data, wide CSV with codes") }

    var exportRefused: String { pick("Exporten nekades", "Export refused") }
    /// The refusal, with its reason from the Exports module (in English, as the diagnostics are).
    func exportNotMade(round: String, reason: String) -> String {
        pick("Exporten av omgång \(round) gjordes inte: \(reason)", "The export of round \(round) was not made: \(reason)")
    }
    var cleaningRulesCannotApply: String { pick("rensningsreglerna kan inte tillämpas: ", "the cleaning rules cannot be applied: ") }
}
