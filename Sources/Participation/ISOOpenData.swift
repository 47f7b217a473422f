import Foundation
import LandscapeModel

/// The `iso-open-data` committees adapter: ISO Open Data's
/// `iso_technical_committees.jsonl`, one committee as a JSON object per line.
///
/// Reads `reference`, `title.en`, `secretariat.acronym`, `pMembers[].acronym`,
/// `oMembers[].acronym` and `parentId` (turned into the parent's reference). A
/// line that is not a JSON object with a `reference` is rejected with its line
/// number; the other lines load.
enum ISOOpenData {
    private struct Record: Decodable {
        struct Text: Decodable { var en: String? }
        struct Body: Decodable { var id: Int?; var acronym: String? }
        var id: Int?
        var reference: String?
        var title: Text?
        var secretariat: Body?
        var parentId: Int?
        var pMembers: [Body]?
        var oMembers: [Body]?
    }

    static func parse(_ text: String, file: String, source: String) -> (committees: [Committee], warnings: [ParticipationWarning]) {
        var committees: [Committee] = []
        var warnings: [ParticipationWarning] = []
        var referenceByID: [Int: String] = [:]
        var parentIDs: [(position: Int, parentID: Int)] = []
        let decoder = JSONDecoder()
        var lineNumber = 0
        for rawLine in text.lines {
            lineNumber += 1
            let line = rawLine.trimmed
            if line.isEmpty { continue }
            let location = SourceLocation(source: source, file: file, line: lineNumber)
            let record: Record
            do {
                record = try decoder.decode(Record.self, from: Data(line.utf8))
            } catch {
                warnings.append(ParticipationWarning(kind: .invalidCommitteeRecord, subject: "", message: "not a committee JSON object (\(Self.describe(error)))", location: location))
                continue
            }
            guard let reference = record.reference?.trimmed, !reference.isEmpty else {
                warnings.append(ParticipationWarning(kind: .invalidCommitteeRecord, subject: "", message: "no reference", location: location))
                continue
            }
            func acronyms(_ bodies: [Record.Body]?, role: String) -> [String] {
                (bodies ?? []).map { body in
                    if let acronym = body.acronym?.trimmed, !acronym.isEmpty { return acronym }
                    // Keep the seat (it counts) under a name that shows where it came from.
                    let name = "#\(body.id.map(String.init) ?? "?")"
                    warnings.append(ParticipationWarning(kind: .unknownMember, subject: name, message: "\(role) of \(reference) has no acronym", location: location))
                    return name
                }
            }
            let committee = Committee(
                reference: reference,
                sdo: organisationPrefix(of: reference),
                title: record.title?.en?.trimmed ?? "",
                membership: .nationalBodies,
                secretariat: record.secretariat?.acronym.flatMap { $0.isEmpty ? nil : $0 },
                pMembers: acronyms(record.pMembers, role: "P-member"),
                oMembers: acronyms(record.oMembers, role: "O-member"),
                parent: nil,
                origin: location)
            if let id = record.id { referenceByID[id] = reference }
            if let parentID = record.parentId { parentIDs.append((committees.count, parentID)) }
            committees.append(committee)
        }
        for (position, parentID) in parentIDs {
            if let parent = referenceByID[parentID] {
                committees[position].parent = parent
            } else {
                warnings.append(ParticipationWarning(kind: .unknownParent, subject: committees[position].reference, message: "parentId \(parentID) is not in the file", location: committees[position].origin))
            }
        }
        return (committees, warnings)
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "\(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

/// The organisation part of a committee reference, as written: `ISO/IEC JTC 1/SC 42` → `ISO/IEC`,
/// `IEC TC 65/SC 65C` → `IEC`, `CEN/CLC/JTC 21` → `CEN/CLC`; empty when none is named.
func organisationPrefix(of reference: String) -> String {
    var names: [Substring] = []
    for token in reference.split(whereSeparator: { $0 == "/" || $0 == " " || $0 == "-" }) {
        let upper = token.uppercased()
        guard CommitteeKey.organisations.contains(upper) || upper == "CENELEC" else { break }
        names.append(token)
    }
    return names.joined(separator: "/")
}
