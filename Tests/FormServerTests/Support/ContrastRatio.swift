import Foundation

/// WCAG 2.1's contrast ratio of two colours written `#rrggbb`, from 1 (the same) to 21 (black on white).
func contrastRatio(_ first: String, _ second: String) throws -> Double {
    let (a, b) = (try relativeLuminance(first), try relativeLuminance(second))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
}

/// WCAG 2.1's relative luminance of a colour written `#rrggbb`.
func relativeLuminance(_ hex: String) throws -> Double {
    guard hex.count == 7, hex.first == "#", let value = Int(hex.dropFirst(), radix: 16) else { throw TestFailure("not a #rrggbb colour: \(hex)") }
    let channels: [Double] = [value >> 16, (value >> 8) & 0xff, value & 0xff].map { channel in
        let share = Double(channel) / 255
        return share <= 0.03928 ? share / 12.92 : pow((share + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
}
