import CSV

/// The spreadsheet rule for text cells (``FormulaNeutralization``) in one sentence, in the export's
/// language, for the codebook and the data package.
enum SpreadsheetRule {
    static func text(_ language: String) -> String {
        guard language == "sv" else { return FormulaNeutralization.summary }
        return "Textvärden som börjar med =, +, -, @, tabb eller vagnretur har en apostrof (') först, så att kalkylprogram visar dem som text i stället för att köra dem som formler; ett negativt tal som -3 får ingen, ett värde som börjar med apostrofer före ett sådant tecken får en till, och inget annat ändras."
    }
}
