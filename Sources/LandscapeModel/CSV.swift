/// CSV in the contract's dialect: UTF-8 without BOM, comma separator, `"` quoting per
/// RFC 4180, `\n` line ends, and a formula-injection guard.
public enum CSV {
    /// Encodes one field. Text that a spreadsheet would run as a formula (starting with
    /// `=`, `+`, `-`, `@`, tab or CR) is prefixed with `'` unless it is a number.
    public static func field(_ value: String) -> String {
        var writer = Writer()
        writer.field(value)
        return writer.text
    }

    /// Appends a number with exactly three decimals (`0.050`), rounded half away from zero; a
    /// value that is not finite as `0.000`.
    public static func appendDecimal3(_ value: Double, to bytes: inout [UInt8]) {
        let finite = value.isFinite ? value : 0
        let thousandths = Int((abs(finite) * 1000).rounded())
        if finite < 0 && thousandths > 0 { bytes.append(UInt8(ascii: "-")) }
        let whole = thousandths / 1000
        if whole < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(whole))
        } else {
            bytes.append(contentsOf: String(whole).utf8)
        }
        bytes.append(UInt8(ascii: "."))
        let fraction = thousandths % 1000
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// One record, terminated by `\n`.
    public static func line(_ fields: [String]) -> String {
        var writer = Writer()
        writer.row(fields)
        return writer.text
    }

    /// Whether the text is a plain decimal number (`-1`, `+0.5`, `3.000`, `1e-3`).
    public static func isNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "+" || first == "-" { scalars = scalars.dropFirst() }
        var digits = 0, dots = 0, exponent = false
        var previous: Unicode.Scalar?
        for scalar in scalars {
            switch scalar {
            case "0"..."9": digits += 1
            case "." where !exponent: dots += 1
            case "e" where digits > 0 && !exponent, "E" where digits > 0 && !exponent: exponent = true
            case "+" where previous == "e" || previous == "E", "-" where previous == "e" || previous == "E": break
            default: return false
            }
            previous = scalar
        }
        return digits > 0 && dots <= 1 && previous.map { $0 != "e" && $0 != "E" && $0 != "+" && $0 != "-" } ?? false
    }

    /// Parses CSV text (RFC 4180; `\n` or `\r\n` line ends; a leading BOM is ignored)
    /// into records of fields. Throws on an unterminated quoted field.
    public static func parse(_ text: String) throws(CSVError) -> [[String]] {
        try parseRows(text).map(\.fields)
    }

    /// ``parse(_:)`` with the line each record starts on.
    public static func parseRows(_ text: String) throws(CSVError) -> [(line: Int, fields: [String])] {
        var rows: [(line: Int, fields: [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var rowStarted = false
        var line = 1
        var rowLine = 1
        var quoteLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() }
        while let scalar = pending {
            pending = iterator.next()
            if inQuotes {
                if scalar == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty:
                inQuotes = true
                quoteLine = line
                rowStarted = true
            case ",":
                fields.append(field); field = ""; rowStarted = true
            case "\r" where pending == "\n":
                break
            case "\n":
                fields.append(field)
                rows.append((rowLine, fields))
                fields = []; field = ""; rowStarted = false
                line += 1
                rowLine = line
            default:
                field.unicodeScalars.append(scalar)
                rowStarted = true
            }
        }
        if inQuotes { throw CSVError(line: line, reason: "unterminated quoted field", fieldLine: quoteLine) }
        if rowStarted || !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            rows.append((rowLine, fields))
        }
        return rows
    }
}

/// A CSV text that cannot be parsed.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    /// Where the input ended inside the quoted field.
    public var line: Int
    public var reason: String
    /// The line the unterminated field starts on.
    public var fieldLine: Int
    public var description: String { "line \(line): \(reason)" }
}

extension CSV {
    /// Builds CSV text field by field into one UTF-8 buffer: the fast path for large tables,
    /// with the same quoting and formula guard as ``CSV/field(_:)``.
    public struct Writer {
        public private(set) var bytes: [UInt8] = []
        private var fieldsInRow = 0

        public init(capacity: Int = 0) {
            bytes.reserveCapacity(capacity)
        }

        /// Appends one text field.
        public mutating func field(_ value: String) {
            separate()
            var value = value
            value.withUTF8 { utf8 in
                guard let first = utf8.first else { return }
                var guarded = false
                if first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
                    || first == UInt8(ascii: "@") || first == 0x09 || first == 0x0D {
                    guarded = !CSV.isNumber(String(decoding: utf8, as: UTF8.self))
                }
                let quoted = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
                if quoted { bytes.append(UInt8(ascii: "\"")) }
                if guarded { bytes.append(UInt8(ascii: "'")) }
                if quoted {
                    for byte in utf8 {
                        if byte == UInt8(ascii: "\"") { bytes.append(byte) }
                        bytes.append(byte)
                    }
                    bytes.append(UInt8(ascii: "\""))
                } else {
                    bytes.append(contentsOf: utf8)
                }
            }
        }

        /// Appends a whole number.
        public mutating func field(_ value: Int) {
            separate()
            bytes.append(contentsOf: String(value).utf8)
        }

        /// Appends a number with exactly three decimals (`0.050`), rounded half away from zero.
        public mutating func decimal3(_ value: Double) {
            separate()
            CSV.appendDecimal3(value, to: &bytes)
        }

        /// Ends the current record with `\n`.
        public mutating func endRow() {
            bytes.append(0x0A)
            fieldsInRow = 0
        }

        /// Appends a whole record.
        public mutating func row(_ fields: [String]) {
            for field in fields { self.field(field) }
            endRow()
        }

        /// The text written so far.
        public var text: String { String(decoding: bytes, as: UTF8.self) }

        /// Forgets what was written (after it was handed on), keeping the buffer.
        public mutating func removeAll() {
            bytes.removeAll(keepingCapacity: true)
            fieldsInRow = 0
        }

        private mutating func separate() {
            if fieldsInRow > 0 { bytes.append(UInt8(ascii: ",")) }
            fieldsInRow += 1
        }
    }
}
