import Foundation
import Testing
@testable import CSV

@Suite struct WriterTests {
    private func text(_ options: CSVWriter.Options = .init(), _ body: (CSVWriter) throws -> Void) throws -> String {
        try CSVWriter.string(options: options, body)
    }

    @Test func quotesOnlyWhatNeedsIt() throws {
        let fields = ["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "crlf\r\n", " lead", "trail ", "\ttab", "in side", "", "åäö 😀"]
        let output = try text { try $0.writeRecord(fields) }
        #expect(output == "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",\"crlf\r\n\",\" lead\",\"trail \",\"\ttab\",in side,,åäö 😀\r\n")
    }

    @Test func lineEndingsAndDelimiters() throws {
        #expect(try text { try $0.writeRecord(["a", "b"]); try $0.writeRecord(["1", "2"]) } == "a,b\r\n1,2\r\n")
        #expect(try text(.init(lineEnding: .lf)) { try $0.writeRecord(["a", "b"]) } == "a,b\n")
        #expect(try text(.init(delimiter: ";")) { try $0.writeRecord(["a;b", "c,d"]) } == "\"a;b\";c,d\r\n")
        #expect(try text(.init(delimiter: "\t")) { try $0.writeRecord(["a\tb", "c"]) } == "\"a\tb\"\tc\r\n")
    }

    @Test func aRecordOfOneEmptyFieldIsQuoted() throws {
        #expect(try text { try $0.writeRecord([""]); try $0.writeRecord(["", ""]); try $0.writeRecord(["x"]) } == "\"\"\r\n,\r\nx\r\n")
        let back = try Support.records(try text { try $0.writeRecord(["h"]); try $0.writeRecord([""]) })
        #expect(back == [["h"], [""]])
    }

    @Test func integers() throws {
        let output = try text { writer in
            for value in [0, 7, -5, 1_000_000, Int.max, Int.min] { try writer.write(value) }
            try writer.endRecord()
        }
        #expect(output == "0,7,-5,1000000,9223372036854775807,-9223372036854775808\r\n")
    }

    @Test func byteOrderMarkOnRequest() throws {
        let bytes = try CSVWriter.bytes(options: .init(writesByteOrderMark: true)) { try $0.writeRecord(["å"]) }
        #expect(bytes == [0xEF, 0xBB, 0xBF, 0xC3, 0xA5, 0x0D, 0x0A])
    }

    @Test func tinyBuffersWriteTheSameBytes() throws {
        let fields = ["a,b", String(repeating: "\"x", count: 40), "åäö", "plain text here"]
        let expected = try text { try $0.writeRecord(fields); try $0.write(-12); try $0.endRecord() }
        for bufferSize in 1...9 {
            #expect(try text(.init(bufferSize: bufferSize)) { try $0.writeRecord(fields); try $0.write(-12); try $0.endRecord() } == expected)
        }
    }

    @Test func writesAFileAndLeavesABorrowedHandleOpen() throws {
        let path = Support.temporaryPath("out.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path)
        try writer.writeRecord(["id", "namn"])
        try writer.write(1)
        try writer.write(text: "=Åsa")
        try writer.endRecord()
        try writer.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,namn\r\n1,'=Åsa\r\n")

        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        let appending = CSVWriter(fileHandle: handle)
        try appending.writeRecord(["2", "Bo"])
        try appending.close()
        try handle.write(contentsOf: Data("3,Cy\r\n".utf8))
        try handle.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,namn\r\n1,'=Åsa\r\n2,Bo\r\n3,Cy\r\n")
    }

    @Test func flushWritesWhatIsBuffered() throws {
        let path = Support.temporaryPath("flush.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path)
        try writer.writeRecord(["a"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
        try writer.flush()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\r\n")
        try writer.close()
    }

    @Test func diskFullIsAThrownError() throws {
        let writer = try CSVWriter(path: "/dev/full", options: .init(bufferSize: 16))
        let error = #expect(throws: CSVWriteError.self) {
            for _ in 0..<10 { try writer.writeRecord(["some text that fills the buffer"]) }
        }
        #expect(error?.kind == .writeFailed(reason: "No space left on device"))
        #expect(error?.description == "writing /dev/full failed: No space left on device; the output is incomplete")
        // Every later call reports the same failure.
        let failure = try #require(error)
        #expect(throws: failure) { try writer.write("x") }
        #expect(throws: failure) { try writer.close() }
    }

    @Test func diskFullFoundAtClose() throws {
        let writer = try CSVWriter(path: "/dev/full")
        try writer.writeRecord(["fits in the buffer"])
        let error = #expect(throws: CSVWriteError.self) { try writer.close() }
        #expect(error?.isDiskFull == true, "the errno is kept, so that a command can say the disk is full")
        #expect(error?.systemError == ENOSPC)
    }

    @Test func aFullDiskUnderABorrowedHandleIsRecognised() throws {
        let handle = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        defer { try? handle.close() }
        let writer = CSVWriter(fileHandle: handle)
        try writer.writeRecord(["a"])
        let error = #expect(throws: CSVWriteError.self) { try writer.flush() }
        #expect(error?.isDiskFull == true)
        #expect(error?.kind == .writeFailed(reason: "No space left on device"))
    }

    /// A handle that refuses writes. It is opened for reading rather than closed: a closed
    /// descriptor's number is soon reused by a test running beside this one, and the writer
    /// would then write into that test's file.
    @Test func aHandleThatCannotWriteIsAThrownError() throws {
        let path = Support.temporaryPath("read-only-handle.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        let writer = CSVWriter(fileHandle: handle)
        try writer.writeRecord(["a"])
        let error = #expect(throws: CSVWriteError.self) { try writer.flush() }
        #expect(error?.kind == .writeFailed(reason: "Bad file descriptor"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).isEmpty)
    }

    @Test func useAfterCloseIsAThrownError() throws {
        let path = Support.temporaryPath("twice.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try CSVWriter(path: path)
        try writer.close()
        let error = #expect(throws: CSVWriteError.self) { try writer.write("x") }
        #expect(error?.kind == .closed)
        #expect(throws: CSVWriteError.self) { try writer.close() }
    }

    @Test func cannotCreate() {
        let error = #expect(throws: CSVWriteError.self) { try CSVWriter(path: "/nonexistent/dir/out.csv") }
        #expect(error?.description == "cannot create /nonexistent/dir/out.csv: No such file or directory")
    }

    @Test func readersOfOtherToolsAgree() throws {
        // RFC 4180 section 2 examples, written by the writer.
        let output = try text { writer in
            try writer.writeRecord(["aaa", "b\r\nbb", "ccc"])
            try writer.writeRecord(["zzz", "yyy", "xxx"])
            try writer.writeRecord(["aaa", "b\"bb", "ccc"])
        }
        #expect(output == "aaa,\"b\r\nbb\",ccc\r\nzzz,yyy,xxx\r\naaa,\"b\"\"bb\",ccc\r\n")
    }
}
