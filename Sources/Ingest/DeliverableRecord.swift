import LandscapeModel

/// One ISO Open Data deliverable (`iso_deliverables_metadata`), from a JSON line or a
/// CSV row, with every field checked for its type.
struct DeliverableRecord: Sendable {
    var id: Int?
    var reference: String
    var deliverableType: String?
    var supplementType: String?
    var titles: [(language: String, text: String)] = []
    var publicationDate: String?
    var edition: Int?
    var ics: [String] = []
    var ownerCommittee: String?
    /// `currentStage` as written: four digits, `9060`.
    var currentStage: Int?
    var replaces: [Int] = []
    var replacedBy: [Int] = []
    var scope: String?

    /// Why a line or row is not a usable deliverable.
    struct Problem: Error, Sendable, Hashable {
        var reason: String
        var reference: String = ""
    }

    // MARK: From JSON

    init(json: JSONValue) throws(Problem) {
        guard case .object = json else { throw Problem(reason: "invalid deliverable: the line is \(json.kindDescription), not a JSON object") }
        let reference = try Self.text(json["reference"], "reference")
        guard let reference, reference.contains(where: { !$0.isWhitespace }) else {
            throw Problem(reason: "no usable reference: `reference` is missing or empty")
        }
        self.reference = reference
        do throws(Problem) {
            id = try Self.integer(json["id"], "id")
            deliverableType = try Self.text(json["deliverableType"], "deliverableType")
            supplementType = try Self.text(json["supplementType"], "supplementType")
            if let title = json["title"], title != .null {
                guard case .object(let members) = title else { throw Self.wrongType("title", "an object of texts by language", title) }
                for (language, value) in members {
                    if let text = try Self.text(value, "title.\(language)"), !text.isEmpty { titles.append((language, text)) }
                }
            }
            publicationDate = try Self.text(json["publicationDate"], "publicationDate")
            edition = try Self.integer(json["edition"], "edition")
            ics = try Self.texts(json["icsCode"], "icsCode")
            ownerCommittee = try Self.text(json["ownerCommittee"], "ownerCommittee")
            currentStage = try Self.integer(json["currentStage"], "currentStage")
            replaces = try Self.integers(json["replaces"], "replaces")
            replacedBy = try Self.integers(json["replacedBy"], "replacedBy")
            if let scope = json["scope"], scope != .null {
                guard case .object = scope else { throw Self.wrongType("scope", "an object of texts by language", scope) }
                self.scope = try Self.text(scope["en"], "scope.en")
            }
        } catch {
            throw Problem(reason: error.reason, reference: reference)
        }
    }

    private static func wrongType(_ field: String, _ expected: String, _ value: JSONValue) -> Problem {
        Problem(reason: "wrong type: `\(field)` must be \(expected), not \(value.kindDescription)")
    }

    private static func text(_ value: JSONValue?, _ field: String) throws(Problem) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw wrongType(field, "text or null", other)
        }
    }

    private static func integer(_ value: JSONValue?, _ field: String) throws(Problem) -> Int? {
        switch value {
        case nil, .null?: return nil
        case .number(let number)? where number == number.rounded() && abs(number) < 1e15: return Int(number)
        case let other?: throw wrongType(field, "a whole number or null", other)
        }
    }

    private static func texts(_ value: JSONValue?, _ field: String) throws(Problem) -> [String] {
        switch value {
        case nil, .null?: return []
        case .string(let text)?: return [text]
        case .array(let elements)?:
            var result: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw wrongType(field, "a list of texts", element) }
                result.append(text)
            }
            return result
        case let other?: throw wrongType(field, "a list of texts or null", other)
        }
    }

    private static func integers(_ value: JSONValue?, _ field: String) throws(Problem) -> [Int] {
        switch value {
        case nil, .null?: return []
        case .array(let elements)?:
            var result: [Int] = []
            for element in elements {
                guard let number = try integer(element, field) else { continue }
                result.append(number)
            }
            return result
        case let other?: return try integer(other, field).map { [$0] } ?? []
        }
    }

    // MARK: From CSV

    /// A CSV row read by header name (`title.en`, `scope.en`…); lists are text
    /// (`["35.020","35.240"]`, `['35.020', '35.240']` or `35.020;35.240`).
    init(row: (String) -> String?) throws(Problem) {
        guard let reference = row("reference"), reference.contains(where: { !$0.isWhitespace }) else {
            throw Problem(reason: "no usable reference: `reference` is missing or empty")
        }
        self.reference = reference
        func present(_ name: String) -> String? {
            guard let value = row(name)?.trimmingASCIISpaces(), !value.isEmpty, value != "null", value != "None" else { return nil }
            return value
        }
        func integer(_ name: String) throws(Problem) -> Int? {
            guard let value = present(name) else { return nil }
            // Spreadsheets write whole numbers as `9060.0`.
            let digits = value.hasSuffix(".0") ? String(value.dropLast(2)) : value
            guard let number = Int(digits) else {
                throw Problem(reason: "wrong type: `\(name)` must be a whole number, not \"\(value)\"", reference: reference)
            }
            return number
        }
        id = try integer("id")
        deliverableType = present("deliverableType")
        supplementType = present("supplementType")
        for language in ["en", "fr"] {
            if let text = present("title.\(language)") { titles.append((language, text)) }
        }
        publicationDate = present("publicationDate")
        edition = try integer("edition")
        ics = Self.list(present("icsCode"))
        ownerCommittee = present("ownerCommittee")
        currentStage = try integer("currentStage")
        for (name, path) in [("replaces", \DeliverableRecord.replaces), ("replacedBy", \.replacedBy)] {
            for item in Self.list(present(name)) {
                guard let number = Int(item.hasSuffix(".0") ? String(item.dropLast(2)) : item) else {
                    throw Problem(reason: "wrong type: `\(name)` must list whole numbers, not \"\(item)\"", reference: reference)
                }
                self[keyPath: path].append(number)
            }
        }
        scope = present("scope.en")
    }

    /// The items of a list written as text.
    static func list(_ text: String?) -> [String] {
        guard var text = text else { return [] }
        if text.hasPrefix("["), text.hasSuffix("]") {
            if case .array(let elements)? = try? JSONValue.parse(text) {
                return elements.compactMap { element in
                    switch element {
                    case .string(let value): value
                    case .number(let value): value == value.rounded() ? String(Int(value)) : String(value)
                    default: nil
                    }
                }
            }
            text = String(text.dropFirst().dropLast())
        }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).map { item in
            var value = Substring(item).trimmingASCIISpaces()
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return value
        }.filter { !$0.isEmpty }
    }

    // MARK: To a raw record

    /// The harmonized stage code with its dot: `9060` → `90.60`.
    var stageCode: String? {
        guard let currentStage, (0...9999).contains(currentStage) else { return nil }
        let major = currentStage / 100, minor = currentStage % 100
        return (major < 10 ? "0" : "") + String(major) + "." + (minor < 10 ? "0" : "") + String(minor)
    }

    /// The record as one metadata layer; `replaces`/`replacedBy` are resolved later, when
    /// the whole feed has been read (they name other records' ids).
    func layer(line: Int) -> RawLayer {
        var layer = RawLayer(kind: .openDataDeliverable, line: line)
        layer.references["dated"] = reference
        layer.docType = deliverableType
        layer.supplementType = supplementType
        layer.titles = titles.map { RawTitle(language: $0.language, full: $0.text) }
        layer.pubDate = publicationDate
        layer.edition = edition.map(String.init)
        layer.ics = ics
        if let ownerCommittee, !ownerCommittee.isEmpty { layer.committees = [ownerCommittee] }
        layer.stageCode = stageCode
        layer.abstract = scope
        layer.projectId = id.map(String.init)
        return layer
    }
}

extension StringProtocol {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
