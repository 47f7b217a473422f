import Foundation
import LandscapeModel
import Normalize
import Score
import Terminology
import YAMLInput

/// The Terminology stage as a run (and `explain`) calls it: the terms clauses read by the
/// catalogs, the configured glossaries, the taxonomy's characteristics.
enum TerminologyRun {
    /// Lines up and compares every definition. Throws ``PipelineError`` (exit 78) for a
    /// `landscape-glossary` file that is not valid, and (exit 66) for glossary patterns that
    /// match nothing.
    static func run(_ config: PipelineConfig, catalog: Catalog, scorer: Scorer, progress: ProgressReporter) throws -> (result: TerminologyResult, seconds: Double) {
        let clock = ContinuousClock()
        let started = clock.now
        let settings = config.terminology
        var files: [[String]] = []
        var quarantine: [QuarantineEntry] = []
        for glossary in settings.glossaries {
            let matched = try FileMatcher.expand(glossary.paths, line: 0, config: config, source: "terminology", progress: progress)
            files.append(matched.files)
            quarantine += matched.rejected
        }
        progress.stage("terminology", detail: "\(catalog.terms.count) TBX entries, \(files.joined().count) glossary files")
        let stage = stage(config, scorer: scorer)
        let definitions = stage.definitions(from: catalog.terms, standardId: standardResolver(catalog.standards, for: catalog.terms),
                                            quarantine: &quarantine)
        let result: TerminologyResult
        do {
            result = try stage.run(standardDefinitions: definitions, glossaryFiles: files, quarantine: quarantine)
        } catch let error as YAMLInputError {
            throw PipelineError(error)
        }
        return (result, clock.now.seconds(since: started))
    }

    static func stage(_ config: PipelineConfig, scorer: Scorer) -> TerminologyStage {
        let characteristics = scorer.taxonomy.characteristics.map { (id: $0.characteristic.id, name: $0.name) }
        return TerminologyStage(settings: config.terminology, characteristics: characteristics)
    }

    /// A TBX entry's reference as written → the id of the standard it belongs to: the
    /// canonical id, or the id of the standard that has it as an alias; else the canonical id.
    /// Only the references of `entries` are looked for (a run on catalogs without full texts
    /// has none, and pays nothing).
    static func standardResolver(_ standards: [Standard], for entries: [RawTermEntry]) -> (String) -> String {
        let wanted = Set(entries.map { Reference.canonicalID($0.reference) })
        var byKey: [String: String] = [:]
        if !wanted.isEmpty {
            for standard in standards {
                if wanted.contains(standard.id) { byKey[standard.id] = standard.id }
                for alias in standard.aliases where wanted.contains(alias) && byKey[alias] == nil { byKey[alias] = standard.id }
            }
        }
        return { reference in
            let id = Reference.canonicalID(reference)
            return byKey[id] ?? id
        }
    }

    /// The definitions of one standard's terms clauses, for `explain`.
    static func terms(of standard: Standard, config: PipelineConfig, catalog: Catalog, scorer: Scorer) -> [TermDefinition] {
        var ignored: [QuarantineEntry] = []
        let resolve = standardResolver(catalog.standards, for: catalog.terms)
        return stage(config, scorer: scorer)
            .definitions(from: catalog.terms, standardId: resolve, quarantine: &ignored)
            .filter { $0.standardId == standard.id }
    }
}
