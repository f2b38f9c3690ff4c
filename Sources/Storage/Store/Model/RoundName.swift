/// The name a user gives a round (`esem-se-2025`): lowercase letters and digits in groups joined by
/// single hyphens, at most 64 characters. Names are unique in a store.
public enum RoundName {
    public static let maximumLength = 64

    public static func isValid(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= maximumLength else { return false }
        var previousWasHyphen = true
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                previousWasHyphen = false
            case UInt8(ascii: "-"):
                if previousWasHyphen { return false }
                previousWasHyphen = true
            default:
                return false
            }
        }
        return !previousWasHyphen
    }
}
