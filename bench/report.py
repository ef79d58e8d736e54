#!/usr/bin/env python3
"""Prints bench/results/*.json as ratios against their same-run baselines and draws one SVG per scenario."""
import json, pathlib, sys, html

results = pathlib.Path(sys.argv[1])

def bars(path, title, rows, unit):
    """A horizontal bar chart: rows are (label, value); no script, readable as text too."""
    width, left, bar_h, gap = 640, 230, 26, 12
    top = 40
    height = top + len(rows) * (bar_h + gap) + 10
    biggest = max(v for _, v in rows) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(title)}">',
             f'<title>{html.escape(title)}</title>',
             f'<text x="10" y="24" font-family="sans-serif" font-size="16" font-weight="bold">{html.escape(title)}</text>']
    for i, (label, value) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = (width - left - 90) * value / biggest
        parts.append(f'<text x="{left - 8}" y="{y + 18}" text-anchor="end" font-family="sans-serif" font-size="13">{html.escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{"#9b1c1c" if i == 0 else "#6b7280"}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 18}" font-family="sans-serif" font-size="13">{value:,.1f} {unit}</text>')
    parts.append('</svg>')
    path.write_text("\n".join(parts), encoding="utf-8")

def load(name):
    p = results / f"{name}.json"
    return json.loads(p.read_text()) if p.exists() else None

intake = load("intake-sqlite")
if intake:
    r, b = intake["result"], intake["baseline"]
    rate = r["accepted"] / r["seconds"]
    print(f"intake (SQLite, durable): {rate:,.0f} accepted signatures/s = {rate / b['rps']:.2f}x raw single-row inserts ({b['rps']:,.0f}/s); "
          f"p50 {r['p50_ms']:.1f} ms, p99 {r['p99_ms']:.1f} ms, p99.9 {r['p999_ms']:.1f} ms; refused {r['refused']}, errors {r['errors']}; peak RSS {intake['peak_rss_kb'] / 1024:.0f} MB")
    bars(results / "intake-sqlite.svg", "Signature intake, SQLite durable (per second)", [("Collectif: accepted signatures", rate), ("Raw insert, 1 row per transaction", b["rps"])], "/s")

page = load("statement-page")
if page:
    r, b = page["result"], page["baseline"]
    print(f"statement page ({page['bytes']:,} bytes): {r['rps']:,.0f} req/s = {r['rps'] / b['rps']:.2f}x the same bytes as a static file ({b['rps']:,.0f} req/s); "
          f"p99 {r['p99_ms']:.1f} ms vs {b['p99_ms']:.1f} ms")
    bars(results / "statement-page.svg", "Petition page vs static file of the same size (req/s)", [("Collectif: petition page", r["rps"]), ("Kestrel: static file", b["rps"])], "req/s")

reads = load("reads-during-intake")
if reads:
    r, b = reads["result"], reads["baseline"]
    print(f"statement page during intake: p99 {r['p99_ms']:.1f} ms = {r['p99_ms'] / b['p99_ms']:.2f}x idle p99 ({b['p99_ms']:.1f} ms); "
          f"intake meanwhile {reads['intake']['accepted'] / reads['intake']['seconds']:,.0f}/s")
    bars(results / "reads-during-intake.svg", "Petition page p99 latency (ms)", [("During full-speed intake", r["p99_ms"]), ("Idle", b["p99_ms"])], "ms")

fanout = load("press-fanout")
if fanout:
    r = fanout["result"]
    print(f"press fan-out ({r['count']:,} mails): {r['product_rps']:,.0f} mails/s in {r['product_seconds']:.1f} s (scheduling {r['schedule_seconds']:.1f} s of it) = "
          f"{r['product_rps'] / r['baseline_rps']:.2f}x a bare MailKit loop over one connection ({r['baseline_rps']:,.0f}/s); peak RSS {r['rss_peak_mb']:.0f} MB")
    bars(results / "press-fanout.svg", f"Press fan-out, {r['count']:,} mails (mails per second)", [("Collectif: schedule + outbox", r["product_rps"]), ("Bare MailKit loop", r["baseline_rps"])], "/s")

memory = load("press-memory")
if memory:
    r = memory["result"]
    print(f"memory while sending {r['count']:,} mails: RSS peak {r['rss_first_half_mb']:.0f} MB in the first half, {r['rss_second_half_mb']:.0f} MB in the second "
          f"({r['product_rps']:,.0f} mails/s)")
    bars(results / "press-memory.svg", f"Resident memory while sending {r['count']:,} mails (MB)", [("Second half of the send", r["rss_second_half_mb"]), ("First half", r["rss_first_half_mb"])], "MB")

# Read-only answers against Kestrel serving the same bytes as a static file (bench/run's versus_static).
for name, label in [("atom-feed", "Atom feed of statements"), ("statement-list", "Most recent statements (list with excerpts)"),
                    ("search", "Search results page"), ("calendar", "iCalendar feed of mobilizations"), ("pdf-cached", "PDF, printed copy kept")]:
    read = load(name)
    if not read:
        continue
    r, b = read["result"], read["baseline"]
    print(f"{label} ({read['path']}, {read['bytes']:,} bytes): {r['rps']:,.0f} req/s = {r['rps'] / b['rps']:.2f}x the same bytes as a static file "
          f"({b['rps']:,.0f} req/s); p99 {r['p99_ms']:.1f} ms vs {b['p99_ms']:.1f} ms; non-2xx {r['non2xx']}, errors {r['errors']}")
    bars(results / f"{name}.svg", f"{label} vs static file (req/s)", [("Collectif", r["rps"]), ("Kestrel: static file", b["rps"])], "req/s")

pdf = load("pdf-cold")
if pdf:
    r = pdf["result"]
    print(f"PDF cold ({r['rounds']} prints): median {r['product_median_ms']:,.0f} ms (max {r['product_max_ms']:,.0f}) = "
          f"{r['product_median_ms'] / r['baseline_median_ms']:.2f}x Chromium printing the saved page alone (median {r['baseline_median_ms']:,.0f} ms)")
    bars(results / "pdf-cold.svg", "PDF printed on demand, median (ms)", [("Collectif: download, printed anew", r["product_median_ms"]), ("Chromium alone, same flags", r["baseline_median_ms"])], "ms")

postgres = load("intake-postgres")
if postgres:
    b, one, two = postgres["baseline"], postgres["one_instance"], postgres["two_instances"]
    rate_one, rate_two = one["accepted"] / one["seconds"], two["accepted"] / two["seconds"]
    print(f"intake (PostgreSQL, durable, through nginx): one instance {rate_one:,.0f}/s = {rate_one / b['tps']:.2f}x pgbench single-row inserts "
          f"({b['tps']:,.0f}/s, {b['connections']} clients); p99 {one['p99_ms']:.1f} ms; "
          f"two instances {rate_two:,.0f}/s = {rate_two / rate_one:.2f}x one (p99 {two['p99_ms']:.1f} ms); refused {one['refused'] + two['refused']}, errors {one['errors'] + two['errors']}")
    bars(results / "intake-postgres.svg", "Signature intake, PostgreSQL durable (per second)",
         [("Collectif, two instances", rate_two), ("Collectif, one instance", rate_one), ("pgbench single-row inserts", b["tps"])], "/s")
