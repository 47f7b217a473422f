import Foundation
import LandscapeModel

/// Everything the participation measures need besides the standards: who sits
/// on which committee, and which country each seat stands for.
public struct CommitteeData: Sendable {
    public var directory: CommitteeDirectory
    public var members: MemberDirectory
    /// Rejected records and questionable data found while loading.
    public var warnings: [ParticipationWarning]

    public init(directory: CommitteeDirectory, members: MemberDirectory, warnings: [ParticipationWarning] = []) {
        self.directory = directory
        self.members = members
        self.warnings = warnings
    }

    /// Loads the members files, then the committees files in order (a later
    /// definition of a committee replaces an earlier one, with a warning), then
    /// checks that every member and secretariat acronym has a country and every
    /// parent is known.
    ///
    /// Throws ``CommitteeDataError`` for a file that cannot be read, a members
    /// file without its columns, or a `landscape-committees` file that fails
    /// validation; bad lines of ISO Open Data files and members files are
    /// warnings (with quarantine entries) and the rest loads.
    public static func load(members memberFiles: [MembersFile], committees committeeFiles: [CommitteeFile]) throws -> CommitteeData {
        var members = MemberDirectory()
        var warnings: [ParticipationWarning] = []
        for file in memberFiles {
            let (loaded, found) = try MemberDirectory.loadMembers(contentsOf: file.url, displayPath: file.displayPath)
            for body in loaded.all { add(body, to: &members, warnings: &warnings) }
            warnings += found
        }
        var directory = CommitteeDirectory()
        for file in committeeFiles {
            let text: String
            do {
                text = try String(contentsOf: file.url, encoding: .utf8)
            } catch {
                throw CommitteeDataError(file: file.displayPath, reason: "cannot read committees file: \(error.localizedDescription)")
            }
            let source = file.format.rawValue
            switch file.format {
            case .isoOpenData:
                let (committees, found) = ISOOpenData.parse(text, file: file.displayPath, source: source)
                warnings += found
                for committee in committees {
                    add(committee, aliases: [], to: &directory, warnings: &warnings)
                }
            case .landscapeCommittees:
                let contents = try LandscapeCommittees.parse(text, file: file.displayPath, source: source)
                for body in contents.members { add(body, to: &members, warnings: &warnings) }
                for entry in contents.committees {
                    add(entry.committee, aliases: entry.aliases, to: &directory, warnings: &warnings)
                    if let organisation = entry.defaultFor {
                        directory.setDefault(for: organisation, to: entry.committee.reference)
                    }
                }
            }
        }
        var data = CommitteeData(directory: directory, members: members, warnings: warnings)
        data.warnings += data.check()
        return data
    }

    /// The first mapping of an acronym wins; a later one that disagrees is reported.
    private static func add(_ body: NationalBody, to members: inout MemberDirectory, warnings: inout [ParticipationWarning]) {
        guard let known = members.body(body.acronym) else {
            members.add(body)
            return
        }
        if known.country != body.country {
            warnings.append(ParticipationWarning(kind: .invalidMemberRecord, subject: body.acronym,
                message: "already mapped to \(known.country)\(known.origin.map { " at \($0)" } ?? ""); \(body.country) is ignored", location: body.origin))
        }
    }

    private static func add(_ committee: Committee, aliases: [String], to directory: inout CommitteeDirectory, warnings: inout [ParticipationWarning]) {
        if let replaced = directory.add(committee, aliases: aliases) {
            warnings.append(ParticipationWarning(kind: .duplicateCommittee, subject: committee.reference,
                message: "defined again; replaces the definition\(replaced.origin.map { " at \($0)" } ?? "")", location: committee.origin))
        }
    }

    /// Member and secretariat acronyms without a country, and parents that are not known.
    public func check() -> [ParticipationWarning] {
        var warnings: [ParticipationWarning] = []
        for committee in directory.committees {
            var reported: Set<String> = []
            let seats = (committee.secretariat.map { [("secretariat", $0)] } ?? [])
                + committee.pMembers.map { ("P-member", $0) } + committee.oMembers.map { ("O-member", $0) }
            for (role, acronym) in seats where members.body(acronym) == nil && !acronym.hasPrefix("#") && reported.insert(acronym).inserted {
                warnings.append(ParticipationWarning(kind: .unknownMember, subject: acronym,
                    message: "\(role) of \(committee.reference) has no known country; counted as a seat but in no region", location: committee.origin))
            }
            if let parent = committee.parent, directory.committee(parent) == nil {
                warnings.append(ParticipationWarning(kind: .unknownParent, subject: committee.reference,
                    message: "parent '\(parent)' is not a known committee", location: committee.origin))
            }
        }
        return warnings
    }
}
