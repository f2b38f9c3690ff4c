import Testing
@testable import CSV

/// Fields, records, quotes, CRLF pairs, UTF-8 sequences and the byte order mark cut by reads at every
/// position: every buffer size must give what the reference parser gives, and errors at the same place.
@Suite struct BufferBoundaryTests {
    static let inputs: [String] = [
        "",
        "a",
        "\n",
        "\r\n",
        "a,b,c\n1,2,3\n",
        "a,b,c\r\n1,2,3\r\n",
        "a,b,c\r\n1,2,3",
        "a,,\n,,\n,",
        "\"\"",
        "\"\",\"\"\r\n\"\"",
        "\"a,b\",\"c\"\"d\",\"e\r\nf\"\r\n",
        "\"\"\"\"\"\"\"\"\n\"\"\"\"",
        "\u{FEFF}id,namn\r\n1,Åsa\r\n",
        "\u{FEFF}",
        "\u{FEFF}\"q\"",
        "é,ü,ñ\n😀,\"👩‍👩‍👧,🇸🇪\"\n日本語,\"\n\"\n",
        "h1,h2\n\n\nx,y\n\n",
        "long field with many words,and another one that is quite long too,\"quoted, with \"\"quotes\"\" and\nnewline\"\r\n",
        "a,\"b\nc\nd\ne\"\r\n\"f\"\"\",g\n",
    ]

    static let badInputs: [String] = [
        "a,b\n\"open",
        "a,b\nx,y\"z\n",
        "\"x\"y",
        "a\rb",
        "a,b\r",
        "\u{FEFF}a\"",
        "ok,\"ok\"\n\"x\" ,y",
        "å,\"ä\nö\"ü",
    ]

    @Test(arguments: inputs)
    func everyBufferSizeReadsLikeTheReference(_ input: String) throws {
        let expected = try #require(ReferenceParser.parse(input))
        for bufferSize in Array(1...12) + [16, 31, 64] {
            #expect(try Support.records(input, bufferSize: bufferSize) == expected, "buffer size \(bufferSize)")
        }
    }

    @Test(arguments: badInputs)
    func everyBufferSizeStopsAtTheSameError(_ input: String) throws {
        #expect(ReferenceParser.parse(input) == nil)
        let expected = try #require(Support.error(input))
        for bufferSize in 1...12 {
            #expect(Support.error(input, bufferSize: bufferSize) == expected, "buffer size \(bufferSize)")
        }
    }

    /// The reader tests eight bytes at a time: put each kind of special byte at every offset of a word.
    @Test func specialBytesAtEveryOffsetOfAWord() throws {
        let specials = [",", "\n", "\r\n", ",\"q,\"\"\",", "é", "😀", ",,", "\"\"", "\"x\ny\""]
        for special in specials {
            for offset in 0..<17 {
                let padding = String(repeating: "a", count: offset)
                let input = "\(padding)\(special)\(padding)bcdefghijklmnop,\"0123456789\(special)abcdefgh\"\n" + padding + special
                let expected = ReferenceParser.parse(input)
                for bufferSize in [8, 9, 13, 64, 4096] {
                    if let expected {
                        #expect(try Support.records(input, bufferSize: bufferSize) == expected, "\(input.debugDescription) buffer \(bufferSize)")
                    } else {
                        #expect(Support.error(input, bufferSize: bufferSize) != nil, "\(input.debugDescription) buffer \(bufferSize)")
                    }
                }
            }
        }
    }

    @Test func lineNumbersDoNotDependOnTheBuffer() throws {
        let input = "id,text\r\n1,\"a\r\nb\"\r\n2,\"\n\n\"\n3,x\n4,\"y\"\n"
        func lines(_ bufferSize: Int) throws -> [Int] {
            let reader = CSVReader(string: input, options: .init(bufferSize: bufferSize))
            var lines: [Int] = []
            while let record = try reader.next() { lines.append(record.line) }
            return lines
        }
        let expected = [1, 2, 4, 7, 8]
        for bufferSize in 1...20 {
            #expect(try lines(bufferSize) == expected, "buffer size \(bufferSize)")
        }
    }

    @Test func randomDocumentsAtRandomBufferSizes() throws {
        var generator = SeededGenerator(seed: 4180)
        for _ in 0..<200 {
            let records = RandomFields.records(using: &generator)
            let text = try CSVWriter.string(options: .init(bufferSize: 3)) { writer in
                for record in records { try writer.writeRecord(record) }
            }
            let bufferSize = Int.random(in: 1...40, using: &generator)
            #expect(try Support.records(text, bufferSize: bufferSize) == ReferenceParser.parse(text))
        }
    }
}

/// The byte observer sees the input as read, once and in order, whatever the buffer size.
@Suite struct ByteObserverTests {
    @Test(arguments: [1, 3, 7, 256 * 1024])
    func theObserverSeesEveryByteOnceInOrder(bufferSize: Int) throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id;name\n1;\"Kafé\nVäst\"\n2;x\n\n".utf8)
        let reader = CSVReader(bytes: bytes, options: .init(delimiter: ";", bufferSize: bufferSize))
        var seen: [UInt8] = []
        reader.byteObserver = { seen.append(contentsOf: $0) }
        _ = try reader.readHeader()
        while try reader.next() != nil {}
        #expect(seen == bytes)
    }
}
