import Foundation
import Diagnostics
import Testing

@Suite struct Windows1252Tests {
    @Test func bytesReadAsTheirWindows1252Characters() {
        #expect(Windows1252.character(0xF6) == "ö")
        #expect(Windows1252.character(0xC5) == "Å")
        #expect(Windows1252.character(0xA0) == "\u{A0}")
        #expect(Windows1252.character(0x80) == "€")
        #expect(Windows1252.character(0x96) == "–")
        #expect(Windows1252.character(0x94) == "”")
        #expect(Windows1252.character(0x9F) == "Ÿ")
    }

    @Test func asciiAndUndefinedBytesHaveNone() {
        for byte: UInt8 in [0x00, 0x41, 0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D] {
            #expect(Windows1252.character(byte) == nil, "0x\(String(byte, radix: 16))")
        }
    }

    /// Every byte it names reads so in Foundation's own Windows-1252 decoder too.
    @Test func agreesWithFoundationsDecoder() throws {
        var named = 0
        for byte in UInt8(0x80)...UInt8(0xFF) {
            guard let character = Windows1252.character(byte) else { continue }
            let decoded = try #require(String(data: Data([byte]), encoding: .windowsCP1252), "0x\(String(byte, radix: 16))")
            #expect(decoded == String(character), "0x\(String(byte, radix: 16))")
            named += 1
        }
        #expect(named == 128 - 5)
    }
}
