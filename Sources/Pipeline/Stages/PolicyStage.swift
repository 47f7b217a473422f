import Foundation
import LandscapeModel
import Normalize
import Participation
import Policy
import YAMLInput

/// The policy stage as the pipeline runs it: the configured `landscape-policy` files,
/// resolved against the normalized standards with the normalizer's reference parser, and the
/// committee chains measured with the participation stage's committee figures.
struct PolicyStage: Sendable {
    var resolver: PolicyResolver
    var findings: PolicyFindings

    /// Reads and validates the configured policy files; nil when the config has no `policy:`.
    /// A missing or invalid file is a config error (exit 78) naming file, line and key.
    static func load(_ config: PipelineConfig, characteristics: Set<String>) throws -> PolicyCatalog? {
        guard !config.policy.paths.isEmpty else { return nil }
        let paths = config.policy.paths.map(config.resolve)
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw PipelineError(.config, "policy file not found (policy.paths)", file: path)
            }
        }
        do {
            return try PolicyCatalog.load(paths: paths, characteristics: characteristics)
        } catch let error as YAMLInputError {
            throw PipelineError(error)
        }
    }

    /// The reference parser of the catalogs: canonical and undated id of a reference.
    static let canonical: PolicyResolver.Canonical = { Reference.policyNames($0) }

    /// Resolves the catalog's references and reports each unresolved one as a warning (file, line).
    static func resolve(_ catalog: PolicyCatalog, standards: [Standard], progress: ProgressReporter) -> PolicyStage {
        let resolver = PolicyResolver(standards: standards, canonical: canonical)
        let findings = resolver.resolve(catalog)
        for item in findings.unresolved {
            progress.warning("\(item.location): \(item.reference) (\(item.provisionId)): named by policy, absent from the catalogs — \(item.reason)")
        }
        return PolicyStage(resolver: resolver, findings: findings)
    }

    /// Fills in the committee chains from the committee figures (rows of `participation.csv`).
    mutating func measurePaths(committees: [CommitteeParticipation]) {
        var byCommittee: [String: CommitteeParticipation] = [:]
        for row in committees { byCommittee[row.committee] = row }
        findings.paths = resolver.influencePaths(findings, committees: byCommittee)
    }

    /// The lines `explain` prints for one standard: its links and its path.
    func explanation(of standard: Standard, committees: (String) -> CommitteeParticipation?) -> [String] {
        var lines: [String] = []
        let links = findings.links.filter { $0.standardId == standard.id }
        let columns = findings.columns[standard.id] ?? PolicyColumns()
        lines.append("  eu_policy         \(columns.eu.isEmpty ? "—" : columns.eu.joined(separator: "; "))")
        lines.append("  us_policy         \(columns.us.isEmpty ? "—" : columns.us.joined(separator: "; "))")
        lines.append("  mutual_interest   \(columns.mutualInterest)")
        for link in links {
            let how = link.match == .viaAdoption ? "via adoption of \(link.via)" : link.match.rawValue
            lines.append("    \(link.side.rawValue) \(link.provisionId) (\(link.instrument)): \(link.relation); names \"\(link.reference)\", \(how); \(link.status.rawValue), read \(link.read), \(link.url)")
        }
        if !columns.eu.isEmpty {
            var byCommittee: [String: CommitteeParticipation] = [:]
            var chain = standard
            var seen: Set<String> = []
            while seen.insert(chain.id).inserted {
                if let row = committees(chain.committee) { byCommittee[chain.committee] = row }
                guard let adopted = chain.adoptedFrom, let next = resolver.standard(adopted) else { break }
                chain = next
            }
            let path = resolver.influencePaths(PolicyFindings(links: links.filter { $0.side == .eu }), committees: byCommittee).first
            lines.append("  path of influence")
            for (number, step) in (path?.steps ?? []).enumerated() {
                lines.append("    \(number + 1). \(PolicyStage.describe(step))")
            }
        }
        return lines
    }

    /// One committee's figures as a `participation.csv` row (nil when the committee data has none).
    static func row(_ figures: CommitteeFigures) -> CommitteeParticipation? {
        if case .none = figures.resolution.match { return nil }
        let eu = figures.membership(of: RegionSettings.eu)
        return CommitteeParticipation(
            committee: figures.committee, sdo: figures.sdo, secretariat: figures.secretariat?.acronym ?? "",
            secretariatCountry: figures.secretariat?.country ?? "", pMembers: figures.pMembers.count, oMembers: figures.oMembers.count,
            euPMembers: eu.pMembers, euOMembers: eu.oMembers, usStatus: figures.status(of: RegionSettings.us))
    }

    /// `EN ISO/IEC 23894:2024 adopted in CEN/CLC/JTC 21: 34 P-members, 27 EU; US none; secretariat DS (DK)`.
    static func describe(_ step: InfluenceStep) -> String {
        let verb = step.role == .adopts ? "adopted in" : "developed in"
        let committee = step.committee.isEmpty ? "an unknown committee" : step.committee
        guard step.committeeKnown else { return "\(step.standardId) \(verb) \(committee): no committee data" }
        let us = step.usStatus.map { "US \($0.rawValue)-member" } ?? "US no seat"
        let secretariat = step.secretariat.isEmpty ? "secretariat unknown"
            : "secretariat \(step.secretariat)\(step.secretariatCountry.isEmpty ? "" : " (\(step.secretariatCountry))")"
        return "\(step.standardId) \(verb) \(committee): \(step.pMembers) P-members, \(step.euPMembers) from the EU; \(us); \(secretariat)"
    }
}
