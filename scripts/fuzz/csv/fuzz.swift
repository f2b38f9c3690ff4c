// Fuzz target: any bytes as a CSV file, read with both delimiters, and the delimiter guess.
import CSV

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for delimiter in [Unicode.Scalar(","), Unicode.Scalar(";")] {
        let reader = CSVReader(bytes: bytes, options: CSVReader.Options(delimiter: delimiter))
        do {
            _ = try reader.readHeader()
            while try reader.next() != nil {}
        } catch {}
    }
    _ = CSVReader.Options.delimiter(ofHeaderIn: bytes)
    return 0
}
