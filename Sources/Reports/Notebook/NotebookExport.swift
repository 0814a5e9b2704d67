import Foundation
import Scenario
import SimKernel

/// A Jupyter notebook over a run directory: it reads `summary.csv`, `replications.csv` and
/// `timeseries.csv` (and `tenants.csv`, for runs with tenants) with pandas by a path relative to the notebook, and draws the main charts
/// with matplotlib, each explained by a markdown cell. Cells appear only for metrics the run
/// has (clusters, stations, services); cell ids are `cell-<index>`, so the same run gives the
/// same bytes.
public enum NotebookExport {
    /// The notebook's name inside a run directory, when written there.
    public static let fileName = "report.ipynb"

    /// What the notebook is about. `runDirectory` is the run directory relative to where the
    /// notebook will be saved ("." when it is saved inside the run directory).
    public struct Subject: Sendable {
        public var name: String
        public var description: String
        public var runDirectory: String
        public var warmupSeconds: Double
        /// The run's metric keys (summary rows), in order; they decide which cells appear.
        public var metrics: [MetricKey]

        public init(name: String, description: String, runDirectory: String, warmupSeconds: Double, metrics: [MetricKey]) {
            self.name = name
            self.description = description
            self.runDirectory = runDirectory
            self.warmupSeconds = warmupSeconds
            self.metrics = metrics
        }
    }

    /// The notebook for a run that is in memory, as `rehearse run` has it.
    public static func notebook(_ scenario: Scenario, _ summary: RunSummary, runDirectory: String = ".") -> Notebook {
        notebook(Subject(
            name: scenario.name, description: scenario.description, runDirectory: runDirectory,
            warmupSeconds: scenario.warmup.seconds, metrics: summary.rows.map(\.key)))
    }

    /// The notebook for a run directory on disk, as `rehearse export-notebook RUN_DIR` reads
    /// it: its `run.json` and `summary.csv`. The description is not in the run directory;
    /// pass the scenario's when it is at hand.
    public static func notebook(manifest: RunManifest, summaryCSV: String, runDirectory: String, description: String = "") -> Notebook {
        let warmup = (try? DurationText.parse(manifest.warmup))?.seconds ?? 0
        return notebook(Subject(
            name: manifest.scenario.name, description: description, runDirectory: runDirectory,
            warmupSeconds: warmup, metrics: metricKeys(summaryCSV: summaryCSV)))
    }

    /// The path of `target` relative to the directory `base` (both absolute or both
    /// relative to the same directory), for `Subject.runDirectory`: `../reports/tandem` for
    /// a notebook in `notebooks-export/` over `reports/tandem/`.
    public static func relativePath(from base: String, to target: String) -> String {
        func parts(_ path: String) -> [String] {
            var result: [String] = []
            for part in path.split(separator: "/", omittingEmptySubsequences: true) {
                if part == "." { continue }
                if part == "..", let last = result.last, last != ".." {
                    result.removeLast()
                } else {
                    result.append(String(part))
                }
            }
            return result
        }
        let from = parts(base)
        let to = parts(target)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let path = Array(repeating: "..", count: from.count - common) + to[common...]
        return path.isEmpty ? "." : path.joined(separator: "/")
    }

    /// The `component,metric,unit` keys of a `summary.csv` (RFC 4180), in order.
    public static func metricKeys(summaryCSV: String) -> [MetricKey] {
        let records = CSVReader.records(summaryCSV)
        guard let header = records.first,
              let component = header.firstIndex(of: "component"),
              let metric = header.firstIndex(of: "metric"),
              let unit = header.firstIndex(of: "unit") else { return [] }
        return records.dropFirst().compactMap { fields in
            guard fields.count > max(component, metric, unit) else { return nil }
            return MetricKey(fields[component], fields[metric], fields[unit])
        }
    }

    // MARK: - Cells

    public static func notebook(_ subject: Subject) -> Notebook {
        let present = Set(subject.metrics)
        func has(_ component: String, _ metric: String, _ unit: String) -> Bool { present.contains(MetricKey(component, metric, unit)) }
        func components(_ prefix: String, having metric: String) -> [String] {
            var seen = Set<String>()
            return subject.metrics.compactMap { key in
                guard key.metric == metric, key.component.hasPrefix(prefix), key.component.count > prefix.count,
                      seen.insert(key.component).inserted else { return nil }
                return key.component
            }
        }
        let clusters = components("edge.cluster.", having: "upstream_rq_time_p99")
        let hostRows = subject.metrics.contains { $0.metric == "upstream_rq_total" && $0.component.hasPrefix("edge.cluster.") && $0.component.contains(".host.") }
        let services = components("service.", having: "utilization_mean")
        let stations = components("station.", having: "utilization")
        let edge = has("edge", "throughput", "per_s")
        let network = has("network", "throughput", "per_s")

        var cells: [(NotebookCell.Kind, String)] = []
        func markdown(_ text: String) { cells.append((.markdown, text)) }
        func code(_ text: String) { cells.append((.code, text)) }

        var intro = "# \(markdownText(subject.name)): a rehearse run\n\n"
        let question = subject.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !question.isEmpty { intro += "**The question.** \(markdownText(question))\n\n" }
        intro += """
            This notebook reads the CSV files of the run directory (`RUN_DIR` below, relative to \
            this notebook) and draws the run's main charts. Every figure is the mean over the \
            replications; intervals are 95% Student-t confidence intervals, bands the range \
            of the replications. `report.html` in the run directory shows the same run without Python.

            Needs pandas and matplotlib (`pip install -r notebooks-export/requirements.txt`).
            """
        markdown(intro)

        code("""
            import os

            import matplotlib.pyplot as plt
            import pandas as pd

            # The run directory, relative to this notebook. If the notebook runs inside the
            # run directory itself, the CSV files are found there instead.
            RUN_DIR = \(pythonString(subject.runDirectory))
            if not os.path.exists(os.path.join(RUN_DIR, "summary.csv")) and os.path.exists("summary.csv"):
                RUN_DIR = "."
            WARMUP_S = \(CSVNumber.format(subject.warmupSeconds))  # statistics restart at the end of the warm-up


            def read(name):
                # Only empty fields are missing values: a component called "NA" stays a name.
                return pd.read_csv(os.path.join(RUN_DIR, name), keep_default_na=False, na_values=[""])


            summary = read("summary.csv")
            replications = read("replications.csv")
            timeseries = read("timeseries.csv")
            print(f"{summary['scenario'].iloc[0]}: {summary['replications'].max()} replications, "
                  f"{len(summary)} metrics, {timeseries['time_s'].nunique()} sample times")
            """)

        markdown("""
            ## Helpers

            Metrics are named `component,metric,unit` as in every CSV of the run. `series` \
            collapses the replications of one time series into its mean, minimum and maximum \
            at each sample time; `plot_series` draws the mean as a line and the range as a band.
            """)
        code("""
            plt.rcParams.update({"figure.figsize": (10, 4), "axes.grid": True, "grid.alpha": 0.3})
            pd.options.display.float_format = "{:,.4g}".format

            SPAN_S = float(timeseries["time_s"].max()) if len(timeseries) else 0.0
            TIME_UNIT, TIME_SCALE = ("s", 1.0) if SPAN_S <= 180 else ("min", 60.0) if SPAN_S <= 3 * 3600 else ("h", 3600.0)


            def metric(component, name):
                \"\"\"The summary row of one metric, or None.\"\"\"
                rows = summary[(summary["component"] == component) & (summary["metric"] == name)]
                return None if rows.empty else rows.iloc[0]


            def series(component, name):
                \"\"\"Mean, min and max across replications at each sample time, or None.\"\"\"
                rows = timeseries[(timeseries["component"] == component) & (timeseries["metric"] == name)]
                if rows.empty:
                    return None
                return rows.groupby("time_s")["value"].agg(["mean", "min", "max"])


            def plot_series(ax, component, name, label=None, scale=1.0, **style):
                \"\"\"Draws one series (mean line, min-max band); returns its line, or None if absent.\"\"\"
                s = series(component, name)
                if s is None:
                    return None
                x = s.index / TIME_SCALE
                (line,) = ax.plot(x, s["mean"] * scale, label=label or f"{component} {name}", **style)
                if (s["max"] != s["min"]).any():
                    ax.fill_between(x, s["min"] * scale, s["max"] * scale, color=line.get_color(), alpha=0.15, linewidth=0)
                return line


            def time_axes(title, ylabel):
                fig, ax = plt.subplots()
                if WARMUP_S > 0:
                    ax.axvspan(0, WARMUP_S / TIME_SCALE, color="0.92", zorder=0, label="warm-up")
                ax.set_title(title)
                ax.set_xlabel(f"simulated time ({TIME_UNIT})")
                ax.set_ylabel(ylabel)
                return fig, ax


            def finish(ax):
                ax.set_ylim(bottom=0)
                ax.legend(loc="best", fontsize="small")
                plt.show()
            """)

        markdown("""
            ## Key figures

            The headline metrics with their 95% confidence intervals (`ci95_low`, `ci95_high`) \
            and the lowest and highest replication. With one replication there is no interval.
            """)
        var headline: [(String, String)] = [
            ("edge", "throughput"), ("edge", "latency_p50"), ("edge", "latency_p99"), ("edge", "error_ratio"),
            ("network", "throughput"), ("network", "response_mean"), ("network", "response_p99"),
        ]
        for component in clusters { headline.append((component, "upstream_rq_time_p99")) }
        for component in services { headline += [(component, "utilization_mean"), (component, "utilization_max")] }
        for component in stations { headline += [(component, "utilization"), (component, "wait_mean")] }
        headline = headline.filter { item in subject.metrics.contains { $0.component == item.0 && $0.metric == item.1 } }
        let headlineList = headline.map { "    (\(pythonString($0.0)), \(pythonString($0.1))),\n" }.joined()
        code("""
            HEADLINE = [
            \(headlineList)]
            columns = ["component", "metric", "unit", "mean", "ci95_low", "ci95_high", "min", "max"]
            key_figures = pd.DataFrame(HEADLINE, columns=["component", "metric"]).merge(summary, on=["component", "metric"], how="inner")
            key_figures[columns]
            """)

        if edge || network || !services.isEmpty || !stations.isEmpty {
            markdown("""
                ## Throughput over time

                Completed requests (or jobs) per second in each sample interval. The grey span \
                is the warm-up, whose statistics are discarded.
                """)
            var lines = [String]()
            if edge { lines.append("plot_series(ax, \"edge\", \"throughput\", \"edge: responses to clients\")") }
            if network { lines.append("plot_series(ax, \"network\", \"throughput\", \"network: departures\")") }
            if !edge && !network {
                for station in stations { lines.append("plot_series(ax, \(pythonString(station)), \"throughput\", \(pythonString(short(station))))") }
            }
            for service in services { lines.append("plot_series(ax, \(pythonString(service)), \"requests_served\", \(pythonString(short(service) + " served")))") }
            code("fig, ax = time_axes(\"Throughput\", \"per second\")\n" + lines.joined(separator: "\n") + "\nfinish(ax)")
        }

        if edge || !clusters.isEmpty {
            markdown("""
                ## Latency over time

                Mean latency per interval: what clients saw at the edge, and the upstream time of \
                each cluster. Percentiles over the whole run are in the key figures.
                """)
            var lines = ["plot_series(ax, \"edge\", \"latency_mean\", \"edge: clients\")"]
            for cluster in clusters {
                lines.append("plot_series(ax, \(pythonString(cluster)), \"upstream_rq_time_mean\", \(pythonString(short(cluster) + " upstream")))")
            }
            code("fig, ax = time_axes(\"Latency (mean per interval)\", \"ms\")\n" + lines.joined(separator: "\n") + "\nfinish(ax)")
        }

        if network || !stations.isEmpty {
            markdown("""
                ## Response and waits over time

                Mean time in the network, and the mean wait before service at each station, per interval.
                """)
            var lines = ["plot_series(ax, \"network\", \"response_mean\", \"network: response\")"]
            for station in stations { lines.append("plot_series(ax, \(pythonString(station)), \"wait_mean\", \(pythonString(short(station) + " wait")))") }
            code("fig, ax = time_axes(\"Response and waits (mean per interval)\", \"s\")\n" + lines.joined(separator: "\n") + "\nfinish(ax)")
        }

        if !services.isEmpty || !stations.isEmpty {
            markdown("""
                ## Utilization over time

                Share of busy servers: each service's mean over its instances (solid) and its \
                busiest instance (dashed), and each station's servers.
                """)
            var lines: [String] = []
            for service in services {
                lines.append("mean = plot_series(ax, \(pythonString(service)), \"utilization_mean\", \(pythonString(short(service) + " mean")), scale=100)")
                lines.append("if mean is not None:\n    plot_series(ax, \(pythonString(service)), \"utilization_max\", \(pythonString(short(service) + " busiest instance")), scale=100, color=mean.get_color(), linestyle=\"--\")")
            }
            for station in stations { lines.append("plot_series(ax, \(pythonString(station)), \"utilization\", \(pythonString(short(station))), scale=100)") }
            code("fig, ax = time_axes(\"Utilization\", \"%\")\n" + lines.joined(separator: "\n") + "\nfinish(ax)")
        }

        if !clusters.isEmpty {
            markdown("""
                ## Upstream p99 per cluster

                The 99th percentile of the upstream request time of each cluster, with the 95% \
                confidence interval of the mean across replications as error bars.
                """)
            code("""
                p99 = summary[(summary["metric"] == "upstream_rq_time_p99") & summary["component"].str.startswith("edge.cluster.")]
                names = p99["component"].str.slice(len("edge.cluster."))
                fig, ax = plt.subplots()
                ax.bar(names, p99["mean"], yerr=p99["ci95_half_width"].fillna(0), capsize=4, color=[f"C{i}" for i in range(len(p99))])
                ax.set_title("Upstream request time p99 per cluster")
                ax.set_ylabel("ms")
                ax.set_xlabel("cluster")
                plt.show()
                p99[["component", "mean", "ci95_low", "ci95_high", "min", "max"]]
                """)
        }

        if hostRows {
            markdown("""
                ## Requests per host

                How each cluster spread its requests over its hosts, as a share of the cluster's \
                total. The dashed line is an even share.
                """)
            code("""
                hosts = summary[(summary["metric"] == "upstream_rq_total") & summary["component"].str.contains(r"^edge\\.cluster\\..+\\.host\\.\\d+$", regex=True)].copy()
                parts = hosts["component"].str.extract(r"^edge\\.cluster\\.(?P<cluster>.+)\\.host\\.(?P<host>\\d+)$")
                hosts["cluster"] = parts["cluster"]
                hosts["host"] = parts["host"].astype(int)
                hosts["share"] = hosts["mean"] / hosts.groupby("cluster")["mean"].transform("sum") * 100
                shares = hosts.pivot(index="host", columns="cluster", values="share").sort_index()
                shares = shares[list(dict.fromkeys(hosts["cluster"]))]  # clusters in the run's order
                ax = shares.plot.bar(figsize=(10, 4), width=0.8)
                ax.axhline(100 / len(shares), color="0.4", linestyle="--", linewidth=1, label="even share")
                ax.set_title("Requests per host (share of the cluster's requests)")
                ax.set_ylabel("%")
                ax.legend(fontsize="small")
                plt.show()
                """)
        }

        if !stations.isEmpty {
            markdown("""
                ## Stations

                Each queueing station's utilization, mean wait and mean number waiting, with \
                their intervals. `report.html` puts them beside the closed forms (Erlang C, \
                Pollaczek-Khinchine, M/M/c/K, Allen-Cunneen).
                """)
            code("""
                stations = summary[summary["component"].str.startswith("station.") & summary["metric"].isin(["utilization", "wait_mean", "queue_length_mean", "sojourn_mean", "blocking_probability"])]
                stations.pivot(index="component", columns="metric", values="mean").loc[list(dict.fromkeys(stations["component"]))]
                """)
        }

        if !components("tenants.tier.", having: "slo_attainment").isEmpty {
            cells += TenantNotebookCells.cells()
        }

        markdown("""
            ## Across replications

            Each replication is an independent run with its own seed. The spread of a metric \
            over the replications is what its confidence interval summarises; \
            `replications.csv` has one row per replication and metric.
            """)
        let spread: (String, String)? = headline.first { $0 == ("edge", "latency_p99") } ?? headline.first { $0 == ("network", "response_mean") } ?? headline.first
        if let spread {
            code("""
                COMPONENT, METRIC = \(pythonString(spread.0)), \(pythonString(spread.1))
                one = replications[(replications["component"] == COMPONENT) & (replications["metric"] == METRIC)]
                unit = one["unit"].iloc[0] if len(one) else ""
                fig, ax = plt.subplots(figsize=(10, 2.5))
                ax.plot(one["value"], [0] * len(one), "o", alpha=0.6)
                ax.set_yticks([])
                ax.set_xlabel(unit)
                ax.set_title(f"{COMPONENT} {METRIC} in each replication")
                plt.show()
                one[["replication", "seed", "value"]]
                """)
        } else {
            code("replications.head(20)")
        }

        let built = cells.enumerated().map { index, cell in
            NotebookCell(id: "cell-\(index)", kind: cell.0, text: cell.1)
        }
        return Notebook(cells: built, metadata: [
            "kernelspec": .object(["display_name": .string("Python 3"), "language": .string("python"), "name": .string("python3")]),
            "language_info": .object(["name": .string("python")]),
            "rehearse": .object([
                "scenario": .string(subject.name), "run_directory": .string(subject.runDirectory),
                "tool": .string(ToolInfo.name), "version": .string(ToolInfo.version),
            ]),
        ])
    }

    // MARK: - Text

    /// A component without its kind: `web` for `service.web`, `a` for `edge.cluster.a`.
    static func short(_ component: String) -> String {
        for prefix in ["edge.cluster.", "service.", "station."] where component.hasPrefix(prefix) {
            return String(component.dropFirst(prefix.count))
        }
        return component
    }

    /// A Python string literal holding `text` exactly.
    static func pythonString(_ text: String) -> String {
        var literal = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": literal += "\\\\"
            case "\"": literal += "\\\""
            case "\n": literal += "\\n"
            case "\r": literal += "\\r"
            case "\t": literal += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x2028...0x2029).contains(scalar.value) {
                    let hex = String(scalar.value, radix: 16)
                    literal += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    literal.unicodeScalars.append(scalar)
                }
            }
        }
        return literal + "\""
    }

    /// Free text for a markdown cell: HTML that Jupyter would render is escaped, and markdown
    /// punctuation is backslash-escaped so a name like `*x*` stays as typed.
    static func markdownText(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "$": result += "\\" + String(scalar)
            case "\n", "\r": result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

/// Reads RFC 4180 text into records of fields.
enum CSVReader {
    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var atFieldStart = true
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending {
                pending = nil
                return scalar
            }
            return scalars.next()
        }
        while let scalar = next() {
            if quoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = following
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case ",":
                record.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
            case "\r":
                continue
            case "\n":
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
                atFieldStart = true
            default:
                field.append(scalar)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(field))
            records.append(record)
        }
        return records
    }
}
