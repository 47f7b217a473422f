import Foundation
import LandscapeModel

extension MemberDirectory {
    /// Reads a members file in the layout of ISO's member list
    /// (`acronym,iso_member_id,country_code,country_name,confidence,source`;
    /// only `acronym` and `country_code` are required; CRLF or LF line ends).
    ///
    /// A row without an acronym or with a country code that is not two letters is
    /// rejected and reported; a row whose `confidence` is anything but `high` is
    /// used and reported. A file that cannot be read or lacks the required
    /// columns throws.
    public static func loadMembers(contentsOf url: URL, displayPath: String? = nil, source: String = "members") throws -> (MemberDirectory, [ParticipationWarning]) {
        let path = displayPath ?? url.path
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw CommitteeDataError(file: path, reason: "cannot read members file: \(error.localizedDescription)")
        }
        return try parseMembers(text, file: path, source: source)
    }

    /// Parses members-file text; see ``loadMembers(contentsOf:displayPath:source:)``.
    public static func parseMembers(_ text: String, file: String, source: String = "members") throws -> (MemberDirectory, [ParticipationWarning]) {
        var directory = MemberDirectory()
        var warnings: [ParticipationWarning] = []
        var columns: [String: Int] = [:]
        var lineNumber = 0
        for line in text.lines {
            lineNumber += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let location = SourceLocation(source: source, file: file, line: lineNumber)
            let fields: [String]
            do {
                fields = try CSV.parse(String(line)).first ?? []
            } catch {
                if columns.isEmpty { throw CommitteeDataError(file: file, line: lineNumber, reason: "header: \(error)") }
                warnings.append(ParticipationWarning(kind: .invalidMemberRecord, subject: "", message: "unreadable CSV row", location: location))
                continue
            }
            if columns.isEmpty {
                for (index, name) in fields.enumerated() { columns[name.trimmingCharacters(in: .whitespaces).lowercased()] = index }
                for required in ["acronym", "country_code"] where columns[required] == nil {
                    throw CommitteeDataError(file: file, line: lineNumber, key: required, reason: "required column is missing from the header")
                }
                continue
            }
            func value(_ column: String) -> String {
                guard let index = columns[column], index < fields.count else { return "" }
                return fields[index].trimmingCharacters(in: .whitespaces)
            }
            let acronym = value("acronym")
            let country = value("country_code").uppercased()
            guard !acronym.isEmpty else {
                warnings.append(ParticipationWarning(kind: .invalidMemberRecord, subject: "", message: "empty acronym", location: location))
                continue
            }
            guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                warnings.append(ParticipationWarning(kind: .invalidMemberRecord, subject: acronym, message: "country_code '\(country)' is not an ISO 3166-1 alpha-2 code", location: location))
                continue
            }
            let confidence = value("confidence")
            if let previous = directory.body(acronym) {
                warnings.append(ParticipationWarning(kind: .invalidMemberRecord, subject: acronym, message: "acronym listed again (first at line \(previous.origin?.line ?? 0)); the first row is kept", location: location))
                continue
            }
            directory.add(NationalBody(acronym: acronym, country: country, countryName: value("country_name"), confidence: confidence, origin: location))
            if !confidence.isEmpty, confidence.lowercased() != "high" {
                let why = value("source")
                warnings.append(ParticipationWarning(
                    kind: .uncertainMember, subject: acronym,
                    message: "mapped to \(country) with confidence '\(confidence)'\(why.isEmpty ? "" : " (\(why))")",
                    location: location))
            }
        }
        if columns.isEmpty { throw CommitteeDataError(file: file, reason: "members file is empty") }
        return (directory, warnings)
    }
}
