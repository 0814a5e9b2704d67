/// The frame of an x-y chart of `LineChart`'s size: horizontal grid lines with the y axis's
/// tick labels, x ticks with their labels, both axis lines and both axis titles.
enum ChartFrame {
    static let plotLeft = LineChart.left
    static let plotRight = LineChart.width - LineChart.right
    static let plotTop = LineChart.top
    static let plotBottom = LineChart.height - LineChart.bottom

    static func draw(into svg: inout SVGBuilder, x xAxis: ChartAxis, y yAxis: ChartAxis, xTitle: String, yTitle: String) {
        for tick in yAxis.ticks {
            let position = yAxis.position(tick, from: plotBottom, to: plotTop)
            svg.line(plotLeft, position, plotRight, position, className: tick == 0 ? "axis" : "grid")
            svg.textElement(plotLeft - 6, position + 3.5, yAxis.label(tick), anchor: "end")
        }
        for tick in xAxis.ticks {
            let position = xAxis.position(tick, from: plotLeft, to: plotRight)
            svg.line(position, plotBottom, position, plotBottom + 4, className: "axis")
            svg.textElement(position, plotBottom + 16, xAxis.label(tick))
        }
        svg.line(plotLeft, plotTop, plotLeft, plotBottom, className: "axis")
        svg.line(plotLeft, plotBottom, plotRight, plotBottom, className: "axis")
        svg.textElement((plotLeft + plotRight) / 2, LineChart.height - 6, xTitle, className: "axis-title")
        svg.textElement(14, (plotTop + plotBottom) / 2, yTitle, className: "axis-title", rotate: -90)
    }
}
