/// The notebook's tenant cells, for runs with tenants: per-tier outcomes and the noisy
/// neighbours, read from `tenants.csv` (one row per tier and per listed tenant, per
/// replication).
enum TenantNotebookCells {
    static func cells() -> [(NotebookCell.Kind, String)] {
        [
            (.markdown, """
                ## Tenants by tier

                From `tenants.csv`: each tier's share of responses within its latency objective \
                (SLO attainment), throttled (429) and failed (5xx) shares, and latency percentiles, \
                averaged over the replications. `summary.csv` has the same per-tier figures with \
                their confidence intervals (components `tenants.tier.<tier>`).
                """),
            (.code, """
                tenants = read("tenants.csv") if os.path.exists(os.path.join(RUN_DIR, "tenants.csv")) else None
                if tenants is None:
                    print("tenants.csv is not in the run directory")
                else:
                    tier_rows = tenants[tenants["kind"] == "tier"]
                    tiers = tier_rows.groupby("tier", sort=False)[
                        ["tenants", "active_users", "requests", "slo_threshold_ms", "slo_attainment", "throttled_ratio", "error_ratio", "latency_p50_ms", "latency_p99_ms"]
                    ].mean()
                    ax = (tiers[["slo_attainment", "throttled_ratio", "error_ratio"]] * 100).plot.bar(figsize=(10, 4))
                    ax.set_title("Per tier: SLO attainment, throttled and failed responses")
                    ax.set_ylabel("% of the tier's responses")
                    ax.set_xlabel("tier")
                    ax.legend(["SLO attainment", "throttled (429)", "errors (5xx)"], fontsize="small")
                    plt.show()
                tiers if tenants is not None else None
                """),
            (.markdown, """
                ## Noisy neighbours

                The tenants throttled most (`top_throttled`) and those with the highest p99 \
                latency (`top_p99`, among tenants with enough responses; the p99 comes from a \
                per-tenant sketch in power-of-two buckets, so it is right within a factor of two), \
                with their tier and size, in the first replication. The population is the same in \
                every replication; the other replications' lists are in the same file.
                """),
            (.code, """
                if tenants is not None:
                    first = tenants["replication"].min()
                    columns = ["rank", "tenant", "tier", "active_users", "requests", "throttled", "errors", "latency_p99_ms"]
                    for kind in ["top_throttled", "top_p99"]:
                        listed = tenants[(tenants["kind"] == kind) & (tenants["replication"] == first)][columns]
                        print(kind)
                        print(listed.to_string(index=False) if len(listed) else "  no tenant qualifies")
                """),
        ]
    }
}
