import { expect } from "vitest";

/**
 * The bad-input figure: every hostile case is sent, its answer compared with the
 * documented one, and the count of wrong answers (a wrong status or code, a
 * crash, a dropped connection where an answer was due) printed and asserted 0.
 */

export interface Expected {
  /** One status, or the statuses that are each a correct refusal. */
  status: number | readonly number[];
  /** The S3 error code (XML) or admin error code (JSON) the body must carry. */
  code?: string;
}

export interface Answer {
  status: number;
  body: string;
}

/** The error code of an S3 XML or admin JSON error body. */
export function errorCodeOf(body: string): string | undefined {
  const xml = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  if (xml !== undefined) return xml;
  try {
    const json = JSON.parse(body) as { code?: unknown };
    return typeof json.code === "string" ? json.code : undefined;
  } catch {
    return undefined;
  }
}

export class BadInputTally {
  readonly wrong: string[] = [];
  total = 0;

  constructor(readonly area: string) {}

  /** Records one case; `answer` null means the connection ended with no answer at all. */
  record(name: string, answer: Answer | null, expected: Expected): void {
    this.total += 1;
    const statuses = typeof expected.status === "number" ? [expected.status] : expected.status;
    if (answer === null) {
      this.wrong.push(`${name}: no answer (expected ${statuses.join("/")})`);
      return;
    }
    const code = errorCodeOf(answer.body);
    if (!statuses.includes(answer.status) || (expected.code !== undefined && code !== expected.code))
      this.wrong.push(
        `${name}: got ${answer.status} ${code ?? answer.body.slice(0, 120)}, expected ${statuses.join("/")} ${expected.code ?? ""}`,
      );
  }

  /** Prints the figure and asserts it. */
  report(): void {
    console.log(`bad input (${this.area}): ${this.wrong.length} of ${this.total} cases answered wrongly or crashing`);
    expect(this.wrong, this.wrong.join("\n")).toEqual([]);
    expect(this.total).toBeGreaterThan(0);
  }
}
