/**
 * How long the reliability suite runs. `npm test` sets CARPORT_SUITE=ci (the CI
 * forms: 20 crash rounds, 60 s of load, 1 GiB streams), `npm run test:soak` sets
 * CARPORT_SUITE=soak (200 rounds, 5 minutes, 5 GiB); a developer running one file
 * gets the quick form unless they say otherwise. Each figure can also be set alone.
 */

export type Suite = "quick" | "ci" | "soak";

export function suite(): Suite {
  const named = process.env.CARPORT_SUITE;
  if (named === "ci" || named === "soak" || named === "quick") return named;
  return process.env.CI ? "ci" : "quick";
}

function fromEnv(name: string, byForm: Record<Suite, number>): number {
  const value = process.env[name];
  if (value !== undefined && value !== "") {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got '${value}'`);
    return parsed;
  }
  return byForm[suite()];
}

export const crashRounds = () => fromEnv("CARPORT_CRASH_ROUNDS", { quick: 5, ci: 20, soak: 200 });
export const loadSeconds = () => fromEnv("CARPORT_LOAD_SECONDS", { quick: 10, ci: 60, soak: 300 });
export const streamBytes = () =>
  fromEnv("CARPORT_STREAM_BYTES", { quick: 256 * 1024 ** 2, ci: 1024 ** 3, soak: 5 * 1024 ** 3 });
export const jepsenMs = () => fromEnv("CARPORT_JEPSEN_MS", { quick: 10_000, ci: 15_000, soak: 120_000 });
