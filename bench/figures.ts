import type { Plan } from "./options";
import type { Measurement, Measurements, Unit } from "./measurements";
import { sizeLabel } from "./units";
import { largeConcurrencies } from "./phases/objects";
import { degradedConcurrency, degradedSizeBytes } from "./phases/degraded";

/**
 * Turns measurements into the bench's figures: each engine number beside the
 * ceiling that bounds it, the ratio, and the target when it has one.
 */

export interface Ceiling {
  label: string;
  value: number;
  clientCpuPercent?: number;
}

export interface Target {
  text: string;
  pass: boolean;
}

export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  engine: Measurement | null;
  ceiling: Ceiling | null;
  /** engine / ceiling, when there is a ceiling. */
  ratio: number | null;
  target: Target | null;
  /** The same phase against the do-nothing sink server: the load generator's own limit. */
  sink: number | null;
  /**
   * True when the engine or its ceiling came within clientBoundShare of the sink, or the
   * generator's core was nearly saturated: then the figure says more about the client.
   */
  clientBound: boolean;
  peer: { value: number; ratio: number | null; errors: number } | null;
}

interface Rule {
  id: string;
  label: string;
  /** c: the ceilings; engine: the engine's own figures (a bucket of a million against an empty one). */
  ceiling: (c: Measurements, engine: Measurements) => Ceiling | null;
  target: ((engine: Measurement, ratio: number | null) => Target) | null;
  /** The sink figure of the same client load, when it is not the one with this rule's id. */
  sinkId?: string;
}

/** "Well below" the sink: a figure above this share of it may be the client's limit. */
export const clientBoundShare = 0.7;
/** The generator's core this busy (% of one core) means it was the limit. */
export const clientBoundCpuPercent = 90;

function ceilingOf(c: Measurements, id: string, label: string): Ceiling | null {
  const found = c[id];
  return found ? { label, value: found.value, clientCpuPercent: found.clientCpuPercent } : null;
}

const atLeast =
  (factor: number) =>
  (_engine: Measurement, ratio: number | null): Target => ({
    text: `≥ ${factor} × ceiling`,
    pass: ratio !== null && ratio >= factor,
  });

const atMost =
  (limit: number, unit: string) =>
  (engine: Measurement): Target => ({
    text: `≤ ${limit} ${unit}`,
    pass: engine.errors === 0 && engine.value <= limit,
  });

function rules(plan: Plan): Rule[] {
  const small = sizeLabel(plan.smallBytes);
  const top = Math.max(...plan.smallConcurrencies);
  const largest = Math.max(...plan.largeSizesBytes);
  const multipart = sizeLabel(plan.multipartBytes);
  const list: Rule[] = [];
  for (const method of ["put", "get"] as const) {
    for (const concurrency of plan.smallConcurrencies) {
      const id = `${method}-${small}-c${concurrency}`;
      const ceiling = (c: Measurements) =>
        ceilingOf(c, `raw:${id}`, method === "put" ? "raw PUT+fsync server" : "raw file server");
      list.push({
        id,
        label: `${method.toUpperCase()} ${small} c${concurrency}`,
        ceiling,
        target: concurrency === top ? atLeast(0.5) : null,
      });
    }
  }
  for (const sizeBytes of plan.largeSizesBytes) {
    for (const concurrency of largeConcurrencies) {
      const id = `${sizeLabel(sizeBytes)}-c${concurrency}`;
      const label = `${sizeLabel(sizeBytes)} c${concurrency}`;
      list.push({
        id: `put-${id}`,
        label: `PUT ${label}`,
        ceiling: (c) => ceilingOf(c, `raw:put-${id}`, "raw PUT+fsync server"),
        target: sizeBytes === largest ? atLeast(0.8) : null,
      });
      list.push({
        id: `get-${id}`,
        label: `GET ${label}`,
        ceiling: (c) => ceilingOf(c, `raw:get-${id}`, "raw file stream"),
        target: sizeBytes === largest ? atLeast(0.9) : null,
      });
    }
  }
  const partsLoad = `put-${sizeLabel(largest)}-c${Math.max(...largeConcurrencies)}`;
  list.push({
    id: `multipart-${multipart}`,
    label: `multipart ${multipart} (${sizeLabel(plan.partBytes)} parts, ${plan.partsInFlight} in flight)`,
    sinkId: partsLoad,
    ceiling: (c) =>
      ceilingOf(c, `raw:${partsLoad}`, `raw PUT+fsync, ${sizeLabel(largest)} c${Math.max(...largeConcurrencies)}`),
    target: atLeast(0.8),
  });
  for (const [id, label] of [
    [`copy-object-${multipart}`, `CopyObject ${multipart}`],
    [`upload-part-copy-${multipart}`, `UploadPartCopy ${multipart}`],
  ])
    list.push({
      id,
      label,
      ceiling: (c) => ceilingOf(c, `disk-copy-${multipart}`, "raw file copy + fsync"),
      target: atLeast(0.7),
    });
  list.push({
    id: `multipart-${multipart}-rss`,
    label: `multipart ${multipart} RSS growth`,
    ceiling: () => null,
    target: (engine) => ({ text: "≤ 256 MiB", pass: engine.value <= 256 }),
  });
  list.push({ id: "list-load", label: `load ${plan.listKeys} keys`, ceiling: () => null, target: null });
  list.push({
    id: "list-whole",
    label: `ListObjectsV2 ${plan.listKeys} whole`,
    ceiling: () => null,
    target: atMost(1, "s"),
  });
  list.push({
    id: "list-root-delimiter",
    label: `ListObjectsV2 root, delimiter, ${plan.listKeys} keys`,
    ceiling: () => null,
    target: atMost(10, "ms"),
  });
  list.push({
    id: "list-prefix-delimiter",
    label: "ListObjectsV2 prefix+delimiter page",
    ceiling: () => null,
    target: null,
  });
  list.push({
    id: "list-wide",
    label: `ListObjectsV2 ${plan.wideFolders} folders, all pages`,
    ceiling: () => null,
    target: atMost(1, "s"),
  });
  list.push({ id: "million-load", label: `load ${plan.millionKeys} keys`, ceiling: () => null, target: null });
  list.push({
    id: "million-list-whole",
    label: `ListObjectsV2 ${plan.millionKeys} whole`,
    ceiling: () => null,
    target: atMost(10, "s"),
  });
  const smallTop = `${small}-c${top}`;
  list.push({
    id: `million-put-${smallTop}`,
    label: `PUT ${small} c${top}, ${plan.millionKeys} in bucket`,
    sinkId: `put-${smallTop}`,
    ceiling: (_c, engine) => ceilingOf(engine, `million-empty-put-${smallTop}`, "same, empty bucket"),
    target: atLeast(0.9),
  });
  list.push({
    id: "million-rss-idle",
    label: `engine RSS idle, ${plan.millionKeys} objects`,
    ceiling: () => null,
    target: atMost(300, "MiB"),
  });
  list.push({
    id: "delete-objects",
    label: `DeleteObjects ${plan.deleteKeys} / ${plan.deleteBatch}`,
    ceiling: () => null,
    target: null,
  });
  const degraded = `${sizeLabel(degradedSizeBytes(plan))}-c${degradedConcurrency}`;
  for (const method of ["put", "get"] as const)
    list.push({
      id: `degraded-${method}-${degraded}`,
      label: `${method.toUpperCase()} ${degraded.replace("-", " ")}, one volume of three down (rf 3)`,
      ceiling: (_c, engine) => ceilingOf(engine, `degraded-healthy-${method}-${degraded}`, "same, every volume up"),
      target: atLeast(0.7),
    });
  list.push({
    id: "mixed",
    label: `mixed 70/25/5 c${plan.mixedConcurrency}`,
    ceiling: (c) => ceilingOf(c, "raw:mixed", "raw server, same mix"),
    target: (engine) => ({ text: "0 errors", pass: engine.errors === 0 }),
  });
  return list;
}

function isClientBound(engine: Measurement | null, ceiling: Ceiling | null, sink: Measurement | undefined): boolean {
  const near = (value: number | undefined) =>
    sink !== undefined && value !== undefined && value >= clientBoundShare * sink.value;
  const busy = (percent: number | undefined) => percent !== undefined && percent >= clientBoundCpuPercent;
  return (
    near(engine?.value) || near(ceiling?.value) || busy(engine?.clientCpuPercent) || busy(ceiling?.clientCpuPercent)
  );
}

const ratioOf = (value: number, ceiling: Ceiling | null) =>
  ceiling && ceiling.value > 0 ? value / ceiling.value : null;

export function buildFigures(
  plan: Plan,
  ceilings: Measurements,
  engine: Measurements,
  peer: Measurements | null,
): Figure[] {
  return rules(plan)
    .filter((rule) => engine[rule.id] || peer?.[rule.id])
    .map((rule) => {
      const measured = engine[rule.id] ?? null;
      const ceiling = rule.ceiling(ceilings, engine);
      const ratio = measured ? ratioOf(measured.value, ceiling) : null;
      const peerMeasured = peer?.[rule.id];
      const sink = ceilings[`sink:${rule.sinkId ?? rule.id}`];
      return {
        id: rule.id,
        label: rule.label,
        unit: (measured ?? peerMeasured)?.unit ?? "ops/s",
        engine: measured,
        ceiling,
        ratio,
        target: measured && rule.target ? rule.target(measured, ratio) : null,
        sink: sink?.value ?? null,
        clientBound: isClientBound(measured, ceiling, sink),
        peer: peerMeasured
          ? { value: peerMeasured.value, ratio: ratioOf(peerMeasured.value, ceiling), errors: peerMeasured.errors }
          : null,
      };
    });
}
