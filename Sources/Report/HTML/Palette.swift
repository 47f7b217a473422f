/// Colours that colour-blind readers can tell apart.
///
/// Sequential values use viridis (perceptually uniform, readable in grey scale and for all
/// common colour-vision deficiencies); categories use the Okabe–Ito palette.
enum Palette {
    /// EU and US, and further regions, from Okabe–Ito.
    static let categorical = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]

    /// Colour for a region by its position in the configured list.
    static func region(_ index: Int) -> String { categorical[index % categorical.count] }

    /// Background for cells that count nothing.
    static let empty = "#f1f1f1"

    /// Viridis at `t` in [0, 1], from dark purple to yellow.
    static func viridis(_ t: Double) -> String {
        let t = min(max(t.isFinite ? t : 0, 0), 1)
        let position = t * Double(viridisStops.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, viridisStops.count - 1)
        let weight = position - Double(lower)
        let a = viridisStops[lower], b = viridisStops[upper]
        func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * weight).rounded()) }
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    /// Whether text on `viridis(t)` should be white for contrast (the dark half of the scale).
    static func needsLightText(_ t: Double) -> Bool { t < 0.55 }

    /// One colour per life-cycle stage: drafts to published along viridis, withdrawn grey.
    static func stage(_ index: Int, of count: Int) -> String {
        index == count - 1 ? "#8c8c8c" : viridis(Double(index) / Double(max(count - 2, 1)) * 0.92)
    }

    private static let viridisStops: [(Int, Int, Int)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37),
    ]

    private static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        func two(_ v: Int) -> String {
            let s = String(v, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + two(r) + two(g) + two(b)
    }
}
