/// The units that definitions write (in English, by convention: `unit: hours`) as Samla shows
/// them in Swedish: on the form beside the answer and in the reports. One list, so that a unit
/// reads the same on the form and in the report of its answers.
public enum UnitWords {
    /// `unit` in Swedish when it is one of the common units, else nil (shown as written).
    public static func swedish(_ unit: String) -> String? {
        swedishWords[unit]
    }

    /// `unit` as English text shows it: as written, but for the few that read better spelt out
    /// (`persons` → people, `percent` → per cent, `FTE` → full-time equivalents).
    public static func english(_ unit: String) -> String {
        englishWords[unit] ?? unit
    }

    /// `unit` as shown in `language` (`sv` or another, shown in English).
    public static func shown(_ unit: String, language: String) -> String {
        language == "sv" ? swedish(unit) ?? unit : english(unit)
    }

    /// The units English text spells out otherwise.
    public static let english: [(unit: String, english: String)] = [
        ("percent", "per cent"), ("persons", "people"), ("FTE", "full-time equivalents"),
    ]

    /// The units written in Swedish, in the order docs/survey-format.md lists them.
    public static let known: [(unit: String, swedish: String)] = [
        ("percent", "procent"), ("percentage points", "procentenheter"), ("points", "poäng"),
        ("persons", "personer"), ("people", "personer"), ("participants", "deltagare"), ("employees", "anställda"),
        ("members", "medlemmar"), ("volunteers", "volontärer"), ("researchers", "forskare"), ("responses", "svar"),
        ("contacts", "kontakter"), ("organisations", "organisationer"), ("platforms", "plattformar"),
        ("publications", "publikationer"), ("projects", "projekt"), ("events", "träffar"), ("meetings", "träffar"),
        ("times", "gånger"), ("FTE", "heltidstjänster"),
        ("minutes", "minuter"), ("hours", "timmar"), ("days", "dagar"), ("weeks", "veckor"), ("months", "månader"),
        ("years", "år"),
    ]

    private static let englishWords = Dictionary(english.map { ($0.unit, $0.english) }, uniquingKeysWith: { first, _ in first })
    private static let swedishWords = Dictionary(known.map { ($0.unit, $0.swedish) }, uniquingKeysWith: { first, _ in first })
}
