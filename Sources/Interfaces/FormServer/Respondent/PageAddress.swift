/// The addresses of a response's form: the link `/t/TOKEN`, which resumes where the respondent
/// stands, and each page's own `/t/TOKEN/N`, N the page's place in the survey's definition from 1.
/// Each page having its own address puts each in the browser's history, so that its Back button
/// shows the page before, as the form's "Tillbaka" does.
enum PageAddress {
    /// The link of `token`: `/t/TOKEN`.
    static func link(_ token: String) -> String {
        "/t/" + token
    }

    /// The address of page `page` (0-based) of link `token`: `/t/TOKEN/N`.
    static func of(page: Int, token: String) -> String {
        "/t/" + token + "/" + String(page + 1)
    }

    /// The 0-based page an address's last segment names among `count` pages: decimal digits without
    /// a leading zero, from 1 to `count`; nil for anything else.
    static func page(_ segment: String, count: Int) -> Int? {
        let digits = segment.utf8
        guard let first = digits.first, first != UInt8(ascii: "0"), digits.count <= 6,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let number = Int(segment), number <= count else { return nil }
        return number - 1
    }
}
