/// Realistic free text for generated answers: organisation and person names, email addresses,
/// organisation numbers (Swedish, as an organisation in Sweden has them whatever the language it
/// answers in), and comments and other answers in the response's language, Swedish or English.
///
/// Names are drawn from a few thousand combinations, so at scale organisations share names, as
/// real ones do; email addresses carry the response's serial number (`anna.berg417@kvarnen.se`),
/// so that two generated organisations never share an address and a duplicate key of name and
/// email finds only the duplicates the generator makes on purpose.
enum TextSamples {
    static let nameStarts = [
        "Gröna", "Nya", "Norra", "Södra", "Lilla", "Stora", "Öppna", "Goda", "Gemensamma", "Hela", "Unga", "Trygga",
    ]
    static let nameNouns = [
        "Gården", "Verkstaden", "Köket", "Bryggan", "Hörnan", "Cykeln", "Kvarnen", "Odlingen", "Ateljén", "Bageriet",
        "Kaféet", "Huset", "Vägen", "Mötesplatsen", "Återbruket", "Språkcaféet", "Snickeriet", "Tvätteriet",
    ]
    static let nameEnds = [
        " ekonomisk förening", " AB", " ideell förening", " kooperativ", "", " i Malmö", " i Umeå", " Väst", " Norr", " Syd",
    ]
    static let firstNames = [
        "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Fatima", "Amira", "Elin", "Johanna", "Sofia",
        "Erik", "Lars", "Anders", "Johan", "Karl", "Per", "Mikael", "Ahmed", "Ali", "Jonas", "Oskar", "Nils",
    ]
    static let surnames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Lindberg", "Jonsson", "Hassan", "Mohammed", "Ekström", "Åberg", "Öberg",
    ]
    static let comments = [
        "Vi har vuxit mycket det senaste året tack vare samarbetet med kommunen.",
        "Det är svårt att hitta finansiering när projektpengarna tar slut.",
        "Upphandlingarna är ofta för stora för ett litet kooperativ som vårt.",
        "Tack för en bra enkät!",
        "Vi skulle gärna vilja veta mer om hur andra mäter sin sociala nytta.",
        "Frågorna om intäkter var svåra att besvara eftersom vårt räkenskapsår inte följer kalenderåret.",
        "Vår verksamhet bygger helt på ideella krafter.",
    ]
    static let otherAnswers = [
        "Annat samarbete", "Kommunalt projekt", "Via vårt nätverk", "Genom en stiftelse", "Vet inte riktigt",
        "Lokala föreningar", "Arbetsförmedlingen", "Egen finansiering",
    ]
    static let commentsInEnglish = [
        "We have grown a lot this year thanks to working with the municipality.",
        "It is hard to find funding once the project money runs out.",
        "Public tenders are often too large for a small cooperative like ours.",
        "Thank you for a good survey!",
        "We would like to know more about how others measure their social value.",
        "The questions on income were hard to answer since our financial year does not follow the calendar year.",
        "Our work rests entirely on volunteers.",
    ]
    static let otherAnswersInEnglish = [
        "Another partnership", "A municipal project", "Through our network", "Through a foundation", "Not really sure",
        "Local associations", "The Public Employment Service", "Our own funding",
    ]
    static let places = ["Malmö", "Umeå", "Luleå", "Örebro", "Borås", "Jönköping", "Göteborg", "Stockholm", "Uppsala", "Växjö"]

    /// A text of `kind`; `serial` numbers the response (from 1) and makes email addresses unique;
    /// comments and other answers are in English when `english`. Each English list is as long as
    /// its Swedish one, so a response draws the same random numbers in either language.
    static func text(_ kind: TextKind, _ random: inout SeededRandom, serial: Int = 0, english: Bool = false) -> String {
        switch kind {
        case .organisationName:
            return random.pick(nameStarts) + " " + random.pick(nameNouns) + random.pick(nameEnds)
        case .personName:
            return random.pick(firstNames) + " " + random.pick(surnames)
        case .email:
            let local = ascii(random.pick(firstNames)) + "." + ascii(random.pick(surnames))
            return local.lowercased() + (serial > 0 ? String(serial) : "") + "@" + ascii(random.pick(nameNouns)).lowercased() + ".se"
        case .organisationNumber:
            let first = random.pick(["5", "7", "8"])
            let digits = (0..<9).map { _ in String(random.int(in: 0...9)) }.joined()
            return first + digits.prefix(5) + "-" + digits.suffix(4)
        case .comment:
            return random.pick(english ? commentsInEnglish : comments)
        case .otherAnswer:
            return random.pick(english ? otherAnswersInEnglish : otherAnswers)
        case .place:
            return random.pick(places)
        }
    }

    /// å ä ö é → a a o e, for email addresses.
    static func ascii(_ text: String) -> String {
        String(text.map { c -> Character in
            switch c {
            case "å", "ä": "a"
            case "Å", "Ä": "A"
            case "ö": "o"
            case "Ö": "O"
            case "é": "e"
            default: c
            }
        })
    }
}
