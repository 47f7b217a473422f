import LandscapeModel
import Participation
import Policy
import Score

/// What ingest and normalization made of the configured catalogs.
struct Catalog: Sendable {
    /// Every input file read, in input order.
    var files: [InputFileRecord]
    /// Records read and kept by ingest (before de-duplication).
    var recordCount: Int
    /// The de-duplicated standards, sorted by id (byte order).
    var standards: [Standard]
    /// Rejected files and records.
    var quarantine: [QuarantineEntry]
    var merges: [Merge]
    /// TBX entries of the terms clauses of the NISO STS full texts read.
    var terms: [RawTermEntry]
    /// Seconds of `ingest` and `normalize`.
    var timings: [String: Double]
}

/// The committee and member files, loaded.
struct Committees: Sendable {
    var data: CommitteeData
    var files: [CommitteeFileRecord]
}

/// The catalog's standards with their scores.
struct ScoredCatalog: Sendable {
    var catalog: Catalog
    var committees: Committees
    var scorer: Scorer
    /// One per standard of the catalog, in its order.
    var scored: [ScoredStandard]
    var timings: [String: Double]
}

/// The scored standards with the participation measures of their committees: what a run reports.
struct Landscape: Sendable {
    var scoredCatalog: ScoredCatalog
    var participation: ParticipationResult
    /// The definitions of terms, lined up and compared.
    var terminology: TerminologyResult
    /// The policy links and paths of influence; nil when the config names no policy file.
    var policy: PolicyStage?
    var timings: [String: Double]

    var catalog: Catalog { scoredCatalog.catalog }
    var scored: [ScoredStandard] { scoredCatalog.scored }

    /// Every participation warning: committee data first, then the measures.
    var participationWarnings: [ParticipationWarning] {
        scoredCatalog.committees.data.warnings + participation.warnings
    }

    /// Every quarantine row: catalogs first, then committee and member files, then terminology.
    var quarantine: [QuarantineEntry] {
        recordQuarantine + terminology.quarantine
    }

    /// The quarantine rows of records and of committee and member files: terminology rows
    /// (glossary and TBX entries) are listed, but are not records.
    private var recordQuarantine: [QuarantineEntry] {
        catalog.quarantine + participationWarnings.compactMap(\.quarantineEntry)
    }

    /// Share of records that ended in quarantine: rows / (records read + rows).
    var errorShare: Double {
        Self.errorShare(rows: recordQuarantine.count, records: catalog.recordCount)
    }

    static func errorShare(rows: Int, records: Int) -> Double {
        let total = records + rows
        return total == 0 ? 0 : Double(rows) / Double(total)
    }

    /// What the run counted, for the manifest and the report.
    func counts(changes: Int) -> RunCounts {
        let quarantine = quarantine
        var counts = RunCounts()
        counts.records = catalog.recordCount
        counts.standards = scored.count
        counts.merges = catalog.merges.count
        counts.quarantined = quarantine.count
        counts.quarantinedFiles = quarantine.filter { $0.scope == .file }.count
        counts.quarantinedRecords = counts.quarantined - counts.quarantinedFiles
        counts.aiRelevant = scored.filter(\.isAIRelevant).count
        for scored in scored {
            counts.byStage[scored.standard.stage.rawValue, default: 0] += 1
            counts.bySdo[scored.standard.sdo, default: 0] += 1
            for characteristic in scored.score.characteristics {
                counts.byCharacteristic[characteristic.id, default: 0] += 1
            }
        }
        counts.participationIssues = participationWarnings.count
        counts.changes = changes
        return counts
    }
}
