import Testing
@testable import CSV

@Suite struct FormulaNeutralizationTests {
    @Test func triggersGetOneApostrophe() {
        for text in ["=1+2", "+46 70 123", "-x", "@SUM(A1)", "\tstart", "\rstart", "=", "-"] {
            #expect(FormulaNeutralization.isNeeded(for: text))
            #expect(FormulaNeutralization.neutralized(text) == "'" + text)
        }
    }

    @Test func everythingElseIsUnchanged() {
        for text in ["", "plain", " =1", "'plain", "'-3", "'", "''", "1-2", "a=b", "åäö", "😀", "\n=x", "＝1"] {
            #expect(!FormulaNeutralization.isNeeded(for: text))
            #expect(FormulaNeutralization.neutralized(text) == text)
        }
    }

    /// A value that reads like a neutralized one gets one more apostrophe, so that removing one from
    /// any written cell gives back the value.
    @Test func removingOneApostropheGivesBackTheValue() {
        for text in ["=1+2", "'=1+2", "''-x", "-3", "'-3", "'plain", "plain", "'", "@a", "'@a"] {
            let written = FormulaNeutralization.neutralized(text)
            let read = Array(written.utf8).withUnsafeBufferPointer { bytes in
                FormulaNeutralization.unneutralized(bytes).map { String(decoding: $0, as: UTF8.self) } ?? written
            }
            #expect(read == text, "\(text) written as \(written)")
        }
        #expect(FormulaNeutralization.neutralized("'=1") == "''=1")
    }

    @Test func writerAppliesItToTextFieldsOnly() throws {
        let output = try CSVWriter.string { writer in
            try writer.write(text: "=HYPERLINK(\"http://x\",\"y\")")
            try writer.write(text: "@cmd")
            try writer.write(text: "\t=1")
            try writer.write(text: "\r=1")
            try writer.write(text: "ok")
            try writer.write("-5")
            try writer.write(-5)
            try writer.endRecord()
        }
        #expect(output == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@cmd,'\t=1,\"'\r=1\",ok,-5,-5\r\n")
    }

    @Test func optionTurnsItOff() throws {
        let output = try CSVWriter.string(options: .init(neutralizesFormulas: false)) { try $0.write(text: "=1+2"); try $0.endRecord() }
        #expect(output == "=1+2\r\n")
    }

    @Test func neutralizedTextReadsBackWithItsApostrophe() throws {
        let output = try CSVWriter.string { try $0.write(text: "=1,2"); try $0.write(text: "-3x"); try $0.endRecord() }
        #expect(try Support.records(output) == [["'=1,2", "'-3x"]])
    }

    /// A spreadsheet reads a negative number as a number, never as a formula.
    @Test func negativeNumbersAreLeftAlone() throws {
        for text in ["-3", "-0.5", "-1,5", "-2025", "-007"] {
            #expect(!FormulaNeutralization.isNeeded(for: text), "\(text)")
            #expect(FormulaNeutralization.neutralized(text) == text)
        }
        for text in ["-", "-.5", "-5.", "-1.2.3", "-1,2,3", "-3+1", "-1e5", "- 3", "+3", "-3 ", "-٣"] {
            #expect(FormulaNeutralization.isNeeded(for: text), "\(text)")
        }
        let output = try CSVWriter.string { try $0.write(text: "-3"); try $0.write(text: "-1,5"); try $0.write(text: "-3+1"); try $0.endRecord() }
        #expect(try Support.records(output) == [["-3", "-1,5", "'-3+1"]])
    }
}
