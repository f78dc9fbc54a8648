import { describe, expect, it } from "vitest";
import { kubeAge } from "./kube-age";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("kubeAge", () => {
  it.each([
    [10 * s, "10s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [3 * m + 20 * s, "3m20s"],
    [45 * m, "45m"],
    [179 * m, "179m"],
    [5 * h + 12 * m, "5h12m"],
    [6 * h, "6h"],
    [20 * h, "20h"],
    [47 * h, "47h"],
    [3 * d + 4 * h, "3d4h"],
    [5 * d, "5d"],
    [40 * d, "40d"],
    [2 * 365 * d + 30 * d, "2y30d"],
    [9 * 365 * d, "9y"],
    [-500, "0s"],
  ])("%d ms is %s, as kubectl prints it", (ageMs, expected) => {
    expect(kubeAge(ageMs)).toBe(expected);
  });
});
