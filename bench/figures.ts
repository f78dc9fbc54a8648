import type { Plan } from "./options";
import type { Measurement, Measurements, Unit } from "./measurements";
import { sizeLabel } from "./units";

/**
 * Turns measurements into the bench's figures: each engine number beside the
 * ceiling that bounds it, the ratio, and the target when it has one.
 */

export interface Ceiling {
  label: string;
  value: number;
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
  peer: { value: number; ratio: number | null; errors: number } | null;
}

interface Rule {
  id: string;
  label: string;
  ceiling: (c: Measurements) => Ceiling | null;
  target: ((engine: Measurement, ratio: number | null) => Target) | null;
}

function ceilingOf(c: Measurements, id: string, label: string): Ceiling | null {
  const found = c[id];
  return found ? { label, value: found.value } : null;
}

/** min(sequential write + fsync of this size, one core's MD5): what a PUT must do at least. */
function writeCeiling(c: Measurements, sizeBytes: number): Ceiling | null {
  const disk = c[`disk-seq-${sizeLabel(sizeBytes)}`];
  const md5 = c["hash-md5"];
  if (!disk || !md5) return null;
  return disk.value <= md5.value
    ? { label: "seq write+fsync", value: disk.value }
    : { label: "MD5, one core", value: md5.value };
}

const atLeast =
  (factor: number) =>
  (_engine: Measurement, ratio: number | null): Target => ({
    text: `≥ ${factor} × ceiling`,
    pass: ratio !== null && ratio >= factor,
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
    const label = sizeLabel(sizeBytes);
    list.push({
      id: `put-${label}`,
      label: `PUT ${label}`,
      ceiling: (c) => writeCeiling(c, sizeBytes),
      target: sizeBytes === largest ? atLeast(0.6) : null,
    });
    list.push({
      id: `get-${label}`,
      label: `GET ${label}`,
      ceiling: (c) => ceilingOf(c, `raw:get-${label}`, "raw file stream"),
      target: sizeBytes === largest ? atLeast(0.8) : null,
    });
  }
  list.push({
    id: `multipart-${multipart}`,
    label: `multipart ${multipart}`,
    ceiling: (c) => writeCeiling(c, plan.partBytes),
    target: null,
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
    target: (engine) => ({ text: "≤ 1 s", pass: engine.errors === 0 && engine.value <= 1 }),
  });
  list.push({
    id: "list-prefix-delimiter",
    label: "ListObjectsV2 prefix+delimiter page",
    ceiling: () => null,
    target: null,
  });
  list.push({
    id: "delete-objects",
    label: `DeleteObjects ${plan.deleteKeys} / ${plan.deleteBatch}`,
    ceiling: () => null,
    target: null,
  });
  list.push({
    id: "mixed",
    label: `mixed 70/25/5 c${plan.mixedConcurrency}`,
    ceiling: (c) => ceilingOf(c, "raw:mixed", "raw server, same mix"),
    target: (engine) => ({ text: "0 errors", pass: engine.errors === 0 }),
  });
  return list;
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
      const ceiling = rule.ceiling(ceilings);
      const ratio = measured ? ratioOf(measured.value, ceiling) : null;
      const peerMeasured = peer?.[rule.id];
      return {
        id: rule.id,
        label: rule.label,
        unit: (measured ?? peerMeasured)?.unit ?? "ops/s",
        engine: measured,
        ceiling,
        ratio,
        target: measured && rule.target ? rule.target(measured, ratio) : null,
        peer: peerMeasured
          ? { value: peerMeasured.value, ratio: ratioOf(peerMeasured.value, ceiling), errors: peerMeasured.errors }
          : null,
      };
    });
}
