/// Inline SVG charts. Each is a static picture sized by its `viewBox` so it scales with the
/// page and prints sharply; every one is paired in the report with a table of its numbers.
enum SVGCharts {
    /// A heatmap of counts: rows × (column group × sub-column), every cell's number written in it.
    static func heatmap(
        id: String, title: String, rows: [String], groups: [String], subColumns: [String],
        value: (_ row: Int, _ group: Int, _ sub: Int) -> Int
    ) -> String {
        let labelWidth = labelColumnWidth(rows), cellWidth = 60.0, cellHeight = 30.0, groupGap = 10.0
        let headerHeight = 44.0
        let groupWidth = cellWidth * Double(subColumns.count)
        let width = labelWidth + Double(groups.count) * (groupWidth + groupGap)
        let height = headerHeight + Double(rows.count) * cellHeight + 4
        var maximum = 1
        for r in rows.indices { for g in groups.indices { for s in subColumns.indices { maximum = max(maximum, value(r, g, s)) } } }

        var svg = open(id: id, title: title, width: width, height: height)
        for (g, group) in groups.enumerated() {
            let x = labelWidth + Double(g) * (groupWidth + groupGap)
            svg += text(x + groupWidth / 2, 16, group, anchor: "middle", weight: "bold")
            for (s, sub) in subColumns.enumerated() {
                svg += text(x + cellWidth * (Double(s) + 0.5), 36, sub, anchor: "middle", size: 11, fill: "#444")
            }
        }
        for (r, row) in rows.enumerated() {
            let y = headerHeight + Double(r) * cellHeight
            svg += text(labelWidth - 8, y + cellHeight / 2 + 4, row, anchor: "end")
            for g in groups.indices {
                for s in subColumns.indices {
                    let count = value(r, g, s)
                    let x = labelWidth + Double(g) * (groupWidth + groupGap) + Double(s) * cellWidth
                    let t = count == 0 ? 0 : (Double(count).squareRoot() / Double(maximum).squareRoot())
                    let fill = count == 0 ? Palette.empty : Palette.viridis(t)
                    let ink = count == 0 ? "#666" : (Palette.needsLightText(t) ? "#fff" : "#111")
                    svg += "<rect x=\"\(n(x + 1))\" y=\"\(n(y + 1))\" width=\"\(n(cellWidth - 2))\" height=\"\(n(cellHeight - 2))\" fill=\"\(fill)\" rx=\"2\"/>"
                    svg += text(x + cellWidth / 2, y + cellHeight / 2 + 4, grouped(count), anchor: "middle", size: 12, fill: ink)
                }
            }
        }
        return svg + "</svg>"
    }

    /// One series of a bar chart: a name, a colour, and a value in [0, 1] per row with its label.
    struct Series {
        var name: String
        var colour: String
        var values: [Double]
        var labels: [String]
    }

    /// Horizontal grouped bars on a 0–100 % scale: one group per row, one bar per series.
    static func groupedBars(id: String, title: String, rows: [String], series: [Series]) -> String {
        let labelWidth = labelColumnWidth(rows), plotWidth = 520.0, valueWidth = 90.0
        let barHeight = 12.0, barGap = 2.0, rowGap = 10.0, legendHeight = 26.0, axisHeight = 20.0
        let rowHeight = Double(series.count) * (barHeight + barGap) + rowGap
        let width = labelWidth + plotWidth + valueWidth
        let height = legendHeight + Double(rows.count) * rowHeight + axisHeight
        var svg = open(id: id, title: title, width: width, height: height)
        svg += legend(series.map { ($0.name, $0.colour) }, x: labelWidth, y: 6)
        let top = legendHeight
        let plotBottom = top + Double(rows.count) * rowHeight
        for tick in stride(from: 0, through: 100, by: 25) {
            let x = labelWidth + plotWidth * Double(tick) / 100
            svg += "<line x1=\"\(n(x))\" y1=\"\(n(top))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\" stroke=\"#ddd\"/>"
            svg += text(x, plotBottom + 14, "\(tick)%", anchor: "middle", size: 11, fill: "#444")
        }
        for (r, row) in rows.enumerated() {
            let y = top + Double(r) * rowHeight
            svg += text(labelWidth - 8, y + rowHeight / 2, row, anchor: "end")
            for (s, item) in series.enumerated() {
                let value = r < item.values.count ? min(max(item.values[r], 0), 1) : 0
                let barY = y + Double(s) * (barHeight + barGap)
                let barWidth = max(plotWidth * value, value > 0 ? 1 : 0)
                svg += "<rect x=\"\(n(labelWidth))\" y=\"\(n(barY))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight))\" fill=\"\(item.colour)\"/>"
                let label = r < item.labels.count ? item.labels[r] : ""
                svg += text(labelWidth + barWidth + 4, barY + barHeight - 2, label, size: 10, fill: "#222")
            }
        }
        svg += "<line x1=\"\(n(labelWidth))\" y1=\"\(n(top))\" x2=\"\(n(labelWidth))\" y2=\"\(n(plotBottom))\" stroke=\"#888\"/>"
        return svg + "</svg>"
    }

    /// Horizontal stacked bars of counts: one bar per row, one segment per category.
    static func stackedBars(id: String, title: String, rows: [String], categories: [(name: String, colour: String)], counts: [[Int]]) -> String {
        let labelWidth = labelColumnWidth(rows), plotWidth = 560.0, totalWidth = 60.0
        let barHeight = 20.0, rowGap = 8.0, legendHeight = 48.0
        let width = labelWidth + plotWidth + totalWidth
        let height = legendHeight + Double(rows.count) * (barHeight + rowGap) + 4
        let maximum = max(counts.map { $0.reduce(0, +) }.max() ?? 0, 1)
        var svg = open(id: id, title: title, width: width, height: height)
        svg += legend(categories.map { ($0.name, $0.colour) }, x: labelWidth, y: 6, wrapAt: width - 10)
        for (r, row) in rows.enumerated() {
            let y = legendHeight + Double(r) * (barHeight + rowGap)
            svg += text(labelWidth - 8, y + barHeight / 2 + 4, row, anchor: "end")
            var x = labelWidth
            let values = r < counts.count ? counts[r] : []
            for (c, category) in categories.enumerated() {
                let count = c < values.count ? values[c] : 0
                guard count > 0 else { continue }
                let segment = plotWidth * Double(count) / Double(maximum)
                svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(segment))\" height=\"\(n(barHeight))\" fill=\"\(category.colour)\" stroke=\"#fff\" stroke-width=\"0.5\"><title>\(esc(row)): \(esc(category.name)) \(count)</title></rect>"
                if segment >= 8 * Double(String(count).count) + 6 {
                    let ink = isDark(category.colour) ? "#fff" : "#111"
                    svg += text(x + segment / 2, y + barHeight / 2 + 4, String(count), anchor: "middle", size: 11, fill: ink)
                }
                x += segment
            }
            svg += text(x + 6, y + barHeight / 2 + 4, grouped(values.reduce(0, +)), size: 11, fill: "#222")
        }
        return svg + "</svg>"
    }

    // MARK: - Pieces

    /// Room for the longest row label at 12 px in a common sans-serif (about 7.4 px a character).
    private static func labelColumnWidth(_ labels: [String]) -> Double {
        let longest = labels.map(\.count).max() ?? 0
        return max(120, (Double(longest) * 7.4).rounded(.up) + 14)
    }

    static func open(id: String, title: String, width: Double, height: Double) -> String {
        "<svg id=\"\(esc(id))\" class=\"chart\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(esc(id))-title\" font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\" font-size=\"12\"><title id=\"\(esc(id))-title\">\(esc(title))</title>"
    }

    static func legend(_ items: [(String, String)], x: Double, y: Double, wrapAt: Double = .infinity) -> String {
        var svg = ""
        var cursor = x, line = y
        for (name, colour) in items {
            let itemWidth = 18 + Double(name.count) * 6.8 + 14
            if cursor + itemWidth > wrapAt, cursor > x { cursor = x; line += 18 }
            svg += "<rect x=\"\(n(cursor))\" y=\"\(n(line))\" width=\"12\" height=\"12\" fill=\"\(colour)\"/>"
            svg += text(cursor + 16, line + 10, name, size: 11)
            cursor += itemWidth
        }
        return svg
    }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", size: Int = 12, weight: String = "normal", fill: String = "#111") -> String {
        var attributes = "x=\"\(n(x))\" y=\"\(n(y))\""
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        if size != 12 { attributes += " font-size=\"\(size)\"" }
        if weight != "normal" { attributes += " font-weight=\"\(weight)\"" }
        if fill != "#111" { attributes += " fill=\"\(fill)\"" }
        return "<text \(attributes)>\(esc(content))</text>"
    }

    /// Whether a `#rrggbb` colour is dark enough to need white text on it.
    private static func isDark(_ colour: String) -> Bool {
        let hex = colour.dropFirst()
        guard hex.count == 6, let value = Int(hex, radix: 16) else { return false }
        let r = Double((value >> 16) & 0xff), g = Double((value >> 8) & 0xff), b = Double(value & 0xff)
        return 0.299 * r + 0.587 * g + 0.114 * b < 140
    }

    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : fixed(rounded, decimals: 1)
    }
}
