import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRange } from "./conditions";
import { S3Error } from "./errors";

/**
 * Property-based fuzzing of the Range parser against a model of RFC 9110's single
 * byte range as S3 serves it: every header value gives the model's range, "whole
 * object" (null), or 416 InvalidRange; never a range outside the object, never a
 * crash.
 */

const runs = Number(process.env.CARPORT_FUZZ_RUNS ?? 2000);

type Outcome = { startByte: number; endByte: number } | "whole" | "416" | `crashed: ${string}`;

function actual(value: string, sizeBytes: number): Outcome {
  try {
    return parseRange(value, sizeBytes) ?? "whole";
  } catch (error) {
    return error instanceof S3Error && error.code === "InvalidRange" && error.status === 416
      ? "416"
      : `crashed: ${String(error)}`;
  }
}

/** The model, written from the RFC: `bytes=first-last`, `bytes=first-`, `bytes=-suffix`; anything else is ignored. */
function model(value: string, sizeBytes: number): Outcome {
  const match = /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!match || (match[1] === "" && match[2] === "")) return "whole";
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0 || sizeBytes === 0) return "416";
    return { startByte: Math.max(0, sizeBytes - suffix), endByte: sizeBytes - 1 };
  }
  const first = Number(match[1]);
  if (match[2] !== "" && Number(match[2]) < first) return "whole";
  if (first >= sizeBytes) return "416";
  return { startByte: first, endByte: match[2] === "" ? sizeBytes - 1 : Math.min(Number(match[2]), sizeBytes - 1) };
}

const digits = fc.oneof(
  fc.nat({ max: 5000 }).map(String),
  fc.constantFrom("", "0", "00", "99999999999999999999999", "9007199254740993"),
);
const rangeValue = fc.oneof(
  fc.tuple(digits, digits).map(([first, last]) => `bytes=${first}-${last}`),
  fc
    .tuple(digits, digits, fc.constantFrom(" ", "  ", "\t"))
    .map(([first, last, space]) => `${space}bytes=${first}-${last}${space}`),
  fc.tuple(digits, digits, digits, digits).map(([a, b, c, d]) => `bytes=${a}-${b},${c}-${d}`),
  fc
    .array(fc.constantFrom("bytes", "=", "-", ",", "1", "0", " ", "items", "a", "+", "e", "."), { maxLength: 10 })
    .map((parts) => parts.join("")),
  fc.string({ maxLength: 20 }),
);
const sizes = fc.oneof(fc.nat({ max: 5000 }), fc.constantFrom(0, 1, 5 * 1024 ** 4));

describe("Range parser, fuzzed", () => {
  it("matches the model on any header value and object size", () => {
    let total = 0;
    const wrong: string[] = [];
    fc.assert(
      fc.property(rangeValue, sizes, (value, sizeBytes) => {
        total += 1;
        const got = actual(value, sizeBytes);
        const expected = model(value, sizeBytes);
        const inside =
          typeof got !== "object" || (got.startByte >= 0 && got.startByte <= got.endByte && got.endByte < sizeBytes);
        const ok = inside && JSON.stringify(got) === JSON.stringify(expected);
        if (!ok)
          wrong.push(
            `${JSON.stringify(value)} of ${sizeBytes}: ${JSON.stringify(got)}, model ${JSON.stringify(expected)}`,
          );
        return ok;
      }),
      { numRuns: runs },
    );
    console.log(`fuzz (Range parser): ${wrong.length} of ${total} cases answered wrongly or crashing`);
    expect(wrong).toEqual([]);
  });
});
