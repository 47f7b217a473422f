import Foundation
import LandscapeModel
import Participation
import Policy
import Score

/// The stages every command shares, set up from a config: the scorer is built and the
/// committee files start loading on another thread (a missing one stops the command before
/// any catalog is read); each step then takes the previous step's result.
///
///     let stages = try Stages(config, progress: progress)
///     let catalog = try stages.readCatalog(keepsTexts: false)     // ingest + normalize
///     let scored = try stages.score(catalog)                       // + committees loaded
///     let landscape = stages.measureParticipation(scored)          // participation
///
/// Errors that stop a command (bad config, inputs that match nothing, an unreadable taxonomy,
/// weights or committee file) are thrown as ``PipelineError``.
struct Stages: Sendable {
    let config: PipelineConfig
    let progress: ProgressReporter
    let scorer: Scorer
    /// The configured policy files, validated; nil when the config names none.
    let policyCatalog: PolicyCatalog?
    private let loadingCommittees: Background<Result<Committees, any Error>>

    /// - Parameter loadsWeights: whether the scorer takes the configured fitted weights
    ///   (`train`, which makes them, does not need the old ones to be valid).
    init(_ config: PipelineConfig, progress: ProgressReporter, loadsWeights: Bool = true) throws {
        self.config = config
        self.progress = progress
        // The committee data loads on another core while this one reads the taxonomy and the
        // weights (tens of thousands of YAML entries, before any catalog can be scored); a
        // config error is still reported in the order the files are checked: scoring, policy,
        // committees.
        let files = Result { try Self.committeeFiles(config) }
        let loading = Background { Result { try Self.loadCommittees(try files.get()) } }
        scorer = try Self.scorer(config, loadsWeights: loadsWeights)
        // Policy files are small: read and validated before any catalog (a bad one is exit 78).
        policyCatalog = try PolicyStage.load(config, characteristics: Set(scorer.taxonomy.characteristics.map(\.characteristic.id)))
        _ = try files.get()
        loadingCommittees = loading
    }

    /// Ingest and normalize.
    /// - Parameter keepsTexts: whether standards keep their abstracts and provenance notes
    ///   (only `explain` shows them); without, abstracts are scored as they are read.
    func readCatalog(keepsTexts: Bool) throws -> Catalog {
        let condense: @Sendable (String) -> any CondensedText = { [scorer] in scorer.abstractEvidence(of: $0) }
        return try CatalogStage.run(config, progress: progress, keepsProvenance: keepsTexts,
                                    condenseAbstract: keepsTexts ? nil : condense)
    }

    /// The committee data, once it has loaded; its warnings that reject nothing are reported.
    func committees() throws -> Committees {
        let committees = try loadingCommittees.wait().get()
        Self.report(committees.data.warnings.filter { $0.quarantineEntry == nil }, progress: progress)
        return committees
    }

    /// Scores every standard, in parallel on every core.
    func score(_ catalog: Catalog) throws -> ScoredCatalog {
        let committees = try committees()
        let clock = ContinuousClock()
        let started = clock.now
        progress.stage("score", detail: "\(catalog.standards.count) standards")
        let scored = Self.score(catalog.standards, with: scorer)
        return ScoredCatalog(catalog: catalog, committees: committees, scorer: scorer, scored: scored,
                             timings: catalog.timings.merging(["score": clock.now.seconds(since: started)]) { $1 })
    }

    /// The definitions of terms from the catalogs' terms clauses and the configured
    /// glossaries, lined up and compared, with the seconds it took.
    func defineTerms(_ catalog: Catalog) throws -> (result: TerminologyResult, seconds: Double) {
        try TerminologyRun.run(config, catalog: catalog, scorer: scorer, progress: progress)
    }

    /// The configured policy references resolved against the catalog's standards (unresolved
    /// ones reported as warnings); nil when the config names no policy file.
    func resolvePolicy(_ catalog: Catalog) -> (stage: PolicyStage, seconds: Double)? {
        guard let policyCatalog else { return nil }
        let started = ContinuousClock.now
        let stage = PolicyStage.resolve(policyCatalog, standards: catalog.standards, progress: progress)
        return (stage, ContinuousClock.now.seconds(since: started))
    }

    /// The participation measures of the committees that own the scored standards, and the
    /// committee chains behind the standards policy names.
    /// - Parameter policy: the resolved policy references, asked for once the measures are done
    ///   (a run resolves them meanwhile on another thread).
    func measureParticipation(_ scored: ScoredCatalog, terminology: (result: TerminologyResult, seconds: Double),
                              policy resolved: () -> (stage: PolicyStage, seconds: Double)?) -> Landscape {
        let clock = ContinuousClock()
        let started = clock.now
        let result = participationAnalysis(scored.committees).run(scored.scored)
        Self.report(result.warnings.filter { $0.quarantineEntry == nil }, progress: progress)
        var timings = ["participation": clock.now.seconds(since: started), "terminology": terminology.seconds]
        let policy = resolved()
        var policyStage = policy?.stage
        if let policy {
            let started = clock.now
            policyStage?.measurePaths(committees: result.committees)
            timings["policy"] = policy.seconds + clock.now.seconds(since: started)
        }
        return Landscape(scoredCatalog: scored, participation: result, terminology: terminology.result, policy: policyStage,
                         timings: scored.timings.merging(timings) { $1 })
    }

    func participationAnalysis(_ committees: Committees) -> ParticipationAnalysis {
        ParticipationAnalysis(data: committees.data, regions: config.regions, settings: config.participation)
    }

    /// Scores in parallel on every core; the order of `standards` is kept.
    static func score(_ standards: [Standard], with scorer: Scorer) -> [ScoredStandard] {
        let parts = max(1, min(Parallel.processorCount * 4, standards.count / 512))
        return Parallel.mapRanges(of: standards.count, parts: parts) { range in
            standards[range].map(scorer.scored)
        }.flatMap { $0 }
    }

    /// Prints the first few warnings of each kind and a count of the rest: a cron mail stays
    /// readable, and the report and manifest carry the full picture.
    static func report(_ warnings: [ParticipationWarning], progress: ProgressReporter, perKind: Int = 5) {
        let byKind = Dictionary(grouping: warnings, by: \.kind)
        for kind in ParticipationWarning.Kind.allCases {
            guard let items = byKind[kind] else { continue }
            for warning in items.prefix(perKind) { progress.warning(warning.description) }
            if items.count > perKind {
                progress.warning("… \(items.count - perKind) more \"\(kind.rawValue)\" warnings (\(items.count) in all)")
            }
        }
    }

    // MARK: - Setting up

    private static func scorer(_ config: PipelineConfig, loadsWeights: Bool) throws -> Scorer {
        let scoring = config.scoring
        let taxonomyPath = scoring.taxonomyPath(relativeTo: config.baseDirectory)
        let taxonomy: Taxonomy
        do {
            taxonomy = try Taxonomy.load(path: taxonomyPath)
        } catch {
            throw PipelineError(.config, "invalid taxonomy: \(error)", file: taxonomyPath)
        }
        var weights: ScoringWeights?
        if loadsWeights, let weightsPath = scoring.weightsPath(relativeTo: config.baseDirectory) {
            do {
                weights = try ScoringWeights.load(path: weightsPath, taxonomy: taxonomy)
            } catch let error as ScoringWeightsError {
                throw PipelineError(.config, "invalid scoring weights: \(error.key.isEmpty ? "" : error.key + ": ")\(error.reason)",
                                    file: error.file, line: error.line)
            }
        }
        return Scorer(taxonomy: taxonomy, settings: scoring, weights: weights)
    }

    /// The committee and member files a config names, checked to exist.
    private static func committeeFiles(_ config: PipelineConfig) throws -> (committees: [CommitteeFile], members: [MembersFile]) {
        var files: [CommitteeFile] = []
        for source in config.committees {
            let matched = try FileMatcher.expand(source.paths, line: source.line, config: config)
            if let rejected = matched.rejected.first {
                throw PipelineError(.config, "committees: \(rejected.reason)", file: rejected.location.file)
            }
            files += matched.files.map { CommitteeFile(format: source.format, url: URL(fileURLWithPath: $0)) }
        }
        let members = config.participation.members.map { MembersFile(url: URL(fileURLWithPath: config.resolve($0))) }
        for member in members where !FileManager.default.isReadableFile(atPath: member.url.path) {
            throw PipelineError(.noInput, "members file not found (participation.members)", file: member.url.path)
        }
        return (files, members)
    }

    private static func loadCommittees(_ files: (committees: [CommitteeFile], members: [MembersFile])) throws -> Committees {
        let data: CommitteeData
        do {
            data = try CommitteeData.load(members: files.members, committees: files.committees)
        } catch {
            throw PipelineError(.config, "invalid committee data: \(error)")
        }
        let counts = Dictionary(grouping: data.directory.committees, by: { $0.origin?.file ?? "" }).mapValues(\.count)
        let records = files.committees.map { file in
            CommitteeFileRecord(
                format: file.format.rawValue, path: file.displayPath,
                sha256: Digest.sha256Hex(ofFile: file.url.path) ?? "",
                committees: counts[file.displayPath] ?? 0
            )
        }
        return Committees(data: data, files: records)
    }
}
