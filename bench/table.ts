import type { Figure, Target } from "./figures";
import type { Measurements } from "./measurements";
import type { ConsoleResult } from "./phases/console";
import { formatNumber } from "./units";

/** The terminal table: ceilings first, then each engine figure beside its ceiling, ratio and target. */

function render(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
        .join("  "),
    )
    .join("\n");
}

const cpu = (percent: number | undefined) => (percent === undefined ? "" : `${percent.toFixed(0)} %`);

export function ceilingTable(ceilings: Measurements): string {
  const rows = [["ceiling", "value", "unit", "client CPU", "how"]];
  for (const [id, measured] of Object.entries(ceilings))
    rows.push([id, formatNumber(measured.value), measured.unit, cpu(measured.clientCpuPercent), measured.detail ?? ""]);
  return render(rows);
}

function latency(figure: Figure): string {
  const engine = figure.engine;
  return engine?.p50Ms !== undefined && figure.unit === "ops/s"
    ? `${engine.p50Ms.toFixed(1)} / ${(engine.p99Ms ?? 0).toFixed(1)}`
    : "";
}

export function figureTable(figures: Figure[], withPeer: boolean): string {
  const header = [
    "figure",
    "engine",
    "unit",
    "p50/p99 ms",
    "ceiling",
    "ceiling is",
    "ratio",
    "target",
    "result",
    "sink",
    "client",
  ];
  if (withPeer) header.push("peer", "peer ratio");
  const rows = [header];
  for (const figure of figures) {
    const errors = figure.engine && figure.engine.errors > 0 ? ` (${figure.engine.errors} err)` : "";
    const row = [
      figure.label,
      `${formatNumber(figure.engine?.value ?? null)}${errors}`,
      figure.unit,
      latency(figure),
      formatNumber(figure.ceiling?.value ?? null),
      figure.ceiling?.label ?? "",
      figure.ratio === null ? "" : figure.ratio.toFixed(2),
      figure.target?.text ?? "",
      figure.target ? (figure.target.pass ? "PASS" : "MISS") : "",
      formatNumber(figure.sink),
      figure.clientBound ? "BOUND" : cpu(figure.engine?.clientCpuPercent),
    ];
    if (withPeer)
      row.push(
        formatNumber(figure.peer?.value ?? null),
        figure.peer?.ratio == null ? "" : figure.peer.ratio.toFixed(2),
      );
    rows.push(row);
  }
  return render(rows);
}

const result = (target: Target | null) => (target ? (target.pass ? "PASS" : "MISS") : "");

export function consoleTable(console: ConsoleResult): string {
  const rows = [["console", "value", "target", "result", "note"]];
  if (console.note && console.firstLoadJs.length === 0) rows.push(["first-load JS", "-", "", "", console.note]);
  for (const page of console.firstLoadJs)
    rows.push([
      `first-load JS ${page.route}`,
      page.gzipBytes === null
        ? "-"
        : `${formatNumber(page.gzipBytes / 1024)} KiB gzip (${formatNumber((page.sizeBytes ?? 0) / 1024)} KiB, ${page.chunks} files)`,
      page.target?.text ?? "",
      result(page.target),
      page.note ?? "",
    ]);
  for (const page of console.render)
    rows.push([
      `render ${page.name} ${page.route} (${page.seed.buckets} buckets, ${page.seed.keys} keys)`,
      page.durationMs === null ? "-" : `${formatNumber(page.durationMs)} ms`,
      page.target?.text ?? "",
      result(page.target),
      [
        page.note,
        page.documentMs !== undefined ? `document ${formatNumber(page.documentMs)} ms` : "",
        page.loadsMs ? `loads ${page.loadsMs.join(", ")} ms` : "",
        page.requests ? `${page.requests} requests` : "",
        page.documentBytes ? `HTML ${formatNumber(page.documentBytes / 1024)} KiB` : "",
        page.scriptWireBytes ? `JS on the wire ${formatNumber(page.scriptWireBytes / 1024)} KiB` : "",
      ]
        .filter(Boolean)
        .join("; "),
    ]);
  return render(rows);
}
