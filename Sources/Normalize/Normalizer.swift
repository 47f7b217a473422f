import LandscapeModel

/// Turns raw catalog records into de-duplicated ``Standard`` values.
///
/// Each record is read on its own (in parallel): its reference parsed into a canonical
/// id, its stage mapped, its text cleaned, its committee spelled one way. Records that
/// share a dated reference are then merged by the rule in ``Normalizer/merge(_:)``.
///
/// A record whose reference is present but cannot be parsed (IEEE normtitles such as
/// `A Framework`, `XR Ethics`) keeps that reference, whitespace-normalized, as its id.
/// Such records merge only with records that repeat both the same reference and the
/// same title; if two different standards share one, the later ones get ` (2)`, ` (3)`…
/// appended in input order, so that ids stay unique.
public struct Normalizer: Sendable {
    /// 1 reads records on the calling thread; anything else uses every core.
    public var concurrency: Int
    /// Whether standards say where each field came from (``Standard/provenance``, shown by
    /// `explain`). Half a dozen notes per standard are a large share of its memory at a
    /// million records, so a run that never shows them can leave them out.
    public var keepsProvenance: Bool
    /// When set, each record's abstract is replaced by what this hook keeps of it
    /// (``Standard/Fields/condensedAbstract``) as soon as the record is read, on the worker
    /// that read it: a run never shows abstracts, and they are the bulk of a standard's
    /// memory. The scoring stage plugs in the abstract's evidence.
    public var condenseAbstract: (@Sendable (String) -> any CondensedText)?

    public init(concurrency: Int? = nil, keepsProvenance: Bool = true, condenseAbstract: (@Sendable (String) -> any CondensedText)? = nil) {
        self.concurrency = max(1, concurrency ?? Parallel.processorCount)
        self.keepsProvenance = keepsProvenance
        self.condenseAbstract = condenseAbstract
    }

    /// Normalizes and de-duplicates `records` (in input order).
    public func normalize(_ records: [RawRecord]) -> NormalizeResult {
        // Each record on its own, in parallel chunks; results stay in input order.
        let chunk = 2048
        let prepared = Parallel.mapRanges(of: records.count, size: chunk, sequentially: concurrency == 1) { range in
            self.prepare(records[range], batch: range.lowerBound / chunk)
        }
        return merge(prepared)
    }

    /// The per-record half of ``normalize(_:)``, for callers that read files in parallel
    /// and want to drop each file's raw records as soon as they are read (memory then
    /// grows with the standards, not with the raw input). `batch` orders batches:
    /// pass the file's position in the input.
    public func prepare(_ records: [RawRecord], batch: Int) -> PreparedRecords {
        prepare(records[...], batch: batch)
    }

    func prepare(_ records: ArraySlice<RawRecord>, batch: Int) -> PreparedRecords {
        var prepared = PreparedRecords()
        prepared.candidates.reserveCapacity(records.count)
        var committees = CommitteeCache()
        var offset = 0
        for record in records {
          for outcome in CandidateBuilder.read(record, order: batch << 32 | offset, committees: &committees, keepsProvenance: keepsProvenance) {
            offset += 1
            switch outcome {
            case .standard(var candidate):
                if let condenseAbstract, !candidate.standard.abstract.isEmpty {
                    candidate.standard.condensedAbstract = condenseAbstract(candidate.standard.abstract)
                    candidate.standard.abstract = ""
                }
                prepared.candidates.append(candidate)
            case .rejected(let entry): prepared.quarantine.append(entry)
            }
          }
        }
        return prepared
    }

    /// The de-duplicating half of ``normalize(_:)``: merges prepared batches, given in
    /// input order, into standards sorted by id.
    public func merge(_ batches: [PreparedRecords]) -> NormalizeResult {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(batches.reduce(0) { $0 + $1.candidates.count })
        var quarantine: [QuarantineEntry] = []
        for batch in batches {
            candidates += batch.candidates
            quarantine += batch.quarantine
        }

        // 2. Group by merge key, keeping first-seen order. Groups are chains of positions
        // (first, next): no array per group.
        var groupIndex: [String: Int] = [:]
        groupIndex.reserveCapacity(candidates.count)
        var firsts: [Int] = []
        var lasts: [Int] = []
        var counts: [Int] = []
        var next = [Int](repeating: -1, count: candidates.count)
        for position in candidates.indices {
            if let index = groupIndex[candidates[position].mergeKey] {
                next[lasts[index]] = position
                lasts[index] = position
                counts[index] += 1
            } else {
                groupIndex[candidates[position].mergeKey] = firsts.count
                firsts.append(position)
                lasts.append(position)
                counts.append(1)
            }
        }
        // Dual-numbered references join the groups of their other numbers.
        if candidates.contains(where: { !$0.aliasKeys.isEmpty }) {
            Self.joinAliasGroups(candidates, groupIndex: groupIndex, firsts: &firsts, lasts: &lasts, counts: &counts, next: &next)
        }
        groupIndex = [:]

        // 3. Merge: groups in contiguous shards, one per core; results stay in group order.
        let groupCount = firsts.count
        let shards = concurrency == 1 ? 1 : max(1, min(concurrency, groupCount / 4096))
        let merged = Self.mergeGroups(of: candidates, firsts: firsts, counts: counts, next: next,
                                      shards: shards, keepsProvenance: keepsProvenance)
        candidates = []
        var standards: [Standard] = []
        standards.reserveCapacity(groupCount)
        var merges: [Merge] = []
        var mergeGroups: [Int] = []
        for shard in merged {
            standards += shard.standards
            merges += shard.merges
            mergeGroups += shard.mergeGroups
        }

        // 4. Unique ids, in group (input) order.
        var usedIDs: [String: Int] = [:]
        usedIDs.reserveCapacity(groupCount)
        var renamed = false
        for index in standards.indices {
            let id = standards[index].id
            guard let count = usedIDs[id] else {
                usedIDs[id] = 1
                continue
            }
            // Only unparsable references can collide here (see the type's documentation).
            usedIDs[id] = count + 1
            if keepsProvenance {
                standards[index].provenance["id"] = (standards[index].provenance["id"] ?? "")
                    + "; \" (\(count + 1))\" appended: another standard has the same unparsable reference"
            }
            standards[index].id += " (\(count + 1))"
            renamed = true
        }
        usedIDs = [:]
        if renamed {
            for index in merges.indices { merges[index].id = standards[mergeGroups[index]].id }
        }

        // 5. Sort positions (in halves, one per core, then merged), then move each standard
        // once (sorting the large values directly would copy them many times).
        let ids = standards.map(\.id)
        standards.permute(to: Self.sortedPositions(of: ids, parts: shards))
        merges.sort { $0.id.precedesInByteOrder($1.id) }
        return NormalizeResult(standards: standards, quarantine: quarantine, merges: merges)
    }

    /// Joins each group that holds a dual-numbered record with the groups of its other
    /// numbers (union-find over groups), then rebuilds the chains: a joined group keeps the
    /// place of its earliest member, and its dual-numbered records come first so that the
    /// standard takes their first reference as its id.
    static func joinAliasGroups(_ candidates: [Candidate], groupIndex: [String: Int], firsts: inout [Int], lasts: inout [Int],
                                counts: inout [Int], next: inout [Int]) {
        var parent = Array(firsts.indices)
        func find(_ group: Int) -> Int {
            var group = group
            while parent[group] != group {
                parent[group] = parent[parent[group]]
                group = parent[group]
            }
            return group
        }
        var joined = false
        for position in candidates.indices where !candidates[position].aliasKeys.isEmpty {
            guard let own = groupIndex[candidates[position].mergeKey] else { continue }
            for key in candidates[position].aliasKeys {
                guard let other = groupIndex[key] else { continue }
                let a = find(own), b = find(other)
                if a != b { parent[max(a, b)] = min(a, b); joined = true }
            }
        }
        guard joined else { return }
        var members: [[Int]] = Array(repeating: [], count: firsts.count)
        for group in firsts.indices {
            var position = firsts[group]
            while position >= 0 {
                members[find(group)].append(position)
                position = next[position]
            }
        }
        var newFirsts: [Int] = [], newLasts: [Int] = [], newCounts: [Int] = []
        next = [Int](repeating: -1, count: candidates.count)
        for group in firsts.indices where find(group) == group {
            let chain = members[group].sorted().stablePartitioned { !candidates[$0].aliasKeys.isEmpty }
            for (a, b) in zip(chain, chain.dropFirst()) { next[a] = b }
            newFirsts.append(chain[0])
            newLasts.append(chain[chain.count - 1])
            newCounts.append(chain.count)
        }
        firsts = newFirsts
        lasts = newLasts
        counts = newCounts
    }

    /// Merges the groups (chains of candidate positions: `firsts`, `counts`, `next`) in
    /// `shards` contiguous ranges at once; each shard's standards and merges are in group order,
    /// with the group of each merge.
    private static func mergeGroups(
        of candidates: [Candidate], firsts: [Int], counts: [Int], next: [Int], shards: Int, keepsProvenance: Bool
    ) -> [(standards: [Standard], merges: [Merge], mergeGroups: [Int])] {
        Parallel.mapRanges(of: firsts.count, parts: shards) { range in
            var standards: [Standard] = []
            var merges: [Merge] = []
            var mergeGroups: [Int] = []
            standards.reserveCapacity(range.count)
            for group in range {
                let first = firsts[group]
                if counts[group] == 1 {
                    standards.append(candidates[first].standard)
                    continue
                }
                var members: [Candidate] = []
                members.reserveCapacity(counts[group])
                var position = first
                while position >= 0 {
                    members.append(candidates[position])
                    position = next[position]
                }
                let (standard, merge) = Self.merge(members, keepsProvenance: keepsProvenance)
                standards.append(standard)
                if let merge {
                    merges.append(merge)
                    mergeGroups.append(group)
                }
            }
            return (standards, merges, mergeGroups)
        }
    }

    /// The positions of `ids` in byte order: `parts` ranges sorted at once, then merged.
    static func sortedPositions(of ids: [String], parts: Int) -> [Int] {
        let less: (Int, Int) -> Bool = { ids[$0].precedesInByteOrder(ids[$1]) }
        guard parts > 1, ids.count > 1 else { return ids.indices.sorted(by: less) }
        let sorted = Parallel.mapRanges(of: ids.count, parts: parts) { range in
            range.sorted { ids[$0].precedesInByteOrder(ids[$1]) }
        }
        return sorted.reduce([]) { merged, run in
            var result: [Int] = []
            result.reserveCapacity(merged.count + run.count)
            var a = 0, b = 0
            while a < merged.count, b < run.count {
                if less(run[b], merged[a]) { result.append(run[b]); b += 1 } else { result.append(merged[a]); a += 1 }
            }
            result += merged[a...]
            result += run[b...]
            return result
        }
    }

    /// The key under which a reference matches a standard's id (for gold files and
    /// `explain REFERENCE`): see ``Reference/matchKey(_:)``.
    public static func matchKey(_ reference: String) -> String {
        Reference.matchKey(reference)
    }

    /// Merges records of one dated reference into one standard.
    ///
    /// The rule, deterministic and independent of thread timing:
    /// - **stage, stage code, status** come from the record furthest along the life
    ///   cycle. Withdrawal is the last state a standard reaches, so any record that says
    ///   withdrawn wins; among equal stages the finer harmonized code wins (90.93 after
    ///   60.60); remaining ties go to the first record in input order.
    /// - **sdo, deliverable type** from the first record (all records share the dated
    ///   reference up to spacing and case); **id and undated id** as spelled by the record
    ///   whose committee belongs to the reference's organisation (IEC's `AMD1` for an IEC
    ///   amendment that the ISO catalog writes `Amd 1`), else the first record's.
    /// - **title** from the first record with one; **abstract** the longest;
    ///   **published** the most precise date (`2023-12-18` over `2023-12`), ties first.
    /// - **committees** united, those owned by the reference's own organisation first
    ///   (`IEC TC 56` before `ISO/TC 262` for `IEC 31010:2019`), then input order;
    ///   **sources, ICS, keywords, relations, other titles, origins** united in input order.
    static func merge(_ group: [Candidate], keepsProvenance: Bool = true) -> (Standard, Merge?) {
        guard group.count > 1 else { return (group[0].standard, nil) }
        var winner = group[0]
        for candidate in group.dropFirst() where candidate.stageRank > winner.stageRank {
            winner = candidate
        }
        // The id as spelled by the publisher's own catalog when the spellings differ
        // (ISO's `IEC 62304:2006/Amd 1:2015` and IEC's `IEC 62304:2006/AMD1:2015`):
        // the record whose committee belongs to the reference's organisation, else the first.
        let sdo = group[0].standard.sdo
        var spelling = group[0]
        var spellingRank = Self.ownerRank(CommitteeName.owner(spelling.standard.committee), sdo: sdo)
        // A dual-numbered record (first in its group) names the standard by its first reference.
        let dualNumbered = !group[0].aliasKeys.isEmpty && group.dropFirst().contains { group[0].aliasKeys.contains($0.mergeKey) }
        for candidate in group.dropFirst() where !dualNumbered {
            let rank = Self.ownerRank(CommitteeName.owner(candidate.standard.committee), sdo: sdo)
            if rank < spellingRank { spelling = candidate; spellingRank = rank }
        }
        let first = group[0].standard
        var merged = first
        if spelling.standard.id != first.id {
            merged.id = spelling.standard.id
            merged.undatedId = spelling.standard.undatedId
            merged.provenance["id"] = spelling.standard.provenance["id"]
        }
        merged.stage = winner.standard.stage
        merged.stageCode = winner.standard.stageCode
        merged.status = winner.standard.status
        merged.provenance["stage"] = winner.standard.provenance["stage"]

        var sources = first.sources
        var committees: [String] = []
        var ics = first.ics
        var keywords = first.keywords
        var keywordSet = Set(keywords.map { Reference.key(of: $0) })
        var relations = first.relations
        var origins = first.origins
        for candidate in group {
            let s = candidate.standard
            for source in s.sources where !sources.contains(source) { sources.append(source) }
            for committee in s.committees where !committees.contains(committee) { committees.append(committee) }
            if candidate.order == group[0].order { continue }
            for code in s.ics where !ics.contains(code) { ics.append(code) }
            for keyword in s.keywords where keywordSet.insert(Reference.key(of: keyword)).inserted { keywords.append(keyword) }
            for relation in s.relations where !relations.contains(relation) { relations.append(relation) }
            origins += s.origins
            if merged.title.isEmpty, !s.title.isEmpty {
                merged.title = s.title
                merged.provenance["title"] = s.provenance["title"]
            }
            for (language, title) in s.otherTitles where merged.otherTitles[language] == nil {
                merged.otherTitles[language] = title
            }
            if s.abstractByteCount > merged.abstractByteCount {
                merged.abstract = s.abstract
                merged.condensedAbstract = s.condensedAbstract
                merged.provenance["abstract"] = s.provenance["abstract"]
            }
            if s.published.utf8.count > merged.published.utf8.count {
                merged.published = s.published
                merged.provenance["published"] = s.provenance["published"]
            }
            if merged.adoptedFrom == nil, let adopted = s.adoptedFrom {
                merged.adoptedFrom = adopted
                merged.provenance["adopted_from"] = s.provenance["adopted_from"]
            }
        }
        let ranked = committees.enumerated().sorted { a, b in
            let ra = Self.ownerRank(CommitteeName.owner(a.element), sdo: sdo)
            let rb = Self.ownerRank(CommitteeName.owner(b.element), sdo: sdo)
            return (ra, a.offset) < (rb, b.offset)
        }.map(\.element)
        merged.committees = ranked
        if let primary = ranked.first, let from = group.first(where: { $0.standard.committees.contains(primary) }) {
            merged.provenance["committee"] = from.standard.provenance["committee"]
        }
        // Every other reference the records gave: their aliases, and the ids of records
        // that joined under an alias.
        var aliases: [String] = []
        let ownKey = Reference.key(of: merged.id)
        for candidate in group {
            for alias in [candidate.standard.id] + candidate.standard.aliases
            where Reference.key(of: alias) != ownKey && !aliases.contains(alias) {
                aliases.append(alias)
            }
        }
        merged.aliases = aliases
        merged.sources = sources
        merged.ics = ics
        merged.keywords = keywords
        merged.relations = relations
        merged.origins = origins
        if keepsProvenance {
            merged.provenance["merged"] = "\(group.count) records: " + origins.map(\.description).joined(separator: ", ")
        }

        var codes: [String] = []
        for candidate in group where !codes.contains(candidate.standard.stageCode) { codes.append(candidate.standard.stageCode) }
        let merge = Merge(
            id: merged.id,
            origins: origins,
            stageFrom: winner.standard.origins[0],
            conflictingStageCodes: codes.count > 1 ? codes : []
        )
        return (merged, merge)
    }

    private static func ownerRank(_ owner: String, sdo: String) -> Int {
        if owner.isEmpty { return 3 }
        if owner == sdo { return 0 }
        if sdo.hasPrefix(owner + "/") || sdo.hasSuffix("/" + owner) || sdo.contains("/" + owner + "/") { return 1 }
        return 2
    }
}

extension Array {
    /// The elements that satisfy `belongsFirst`, then the others, each in their order.
    func stablePartitioned(by belongsFirst: (Element) -> Bool) -> [Element] {
        filter(belongsFirst) + filter { !belongsFirst($0) }
    }

    /// Reorders in place so that `self[i]` becomes the old `self[order[i]]`, by swaps
    /// (no copies of the elements).
    mutating func permute(to order: [Int]) {
        var done = [Bool](repeating: false, count: count)
        for start in indices where !done[start] {
            var current = start
            while true {
                done[current] = true
                let next = order[current]
                if next == start { break }
                swapAt(current, next)
                current = next
            }
        }
    }
}

/// Records read on their own, ready to be merged (see ``Normalizer/prepare(_:batch:)``).
public struct PreparedRecords: Sendable {
    var candidates: [Candidate] = []
    /// Records that could not become a standard.
    public internal(set) var quarantine: [QuarantineEntry] = []

    /// How many records will take part in the merge.
    public var count: Int { candidates.count }
}
