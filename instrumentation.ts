import type { RunningEngine } from "./server/start";

/**
 * Starts the embedded engine inside the console's process, once. Next may evaluate this
 * module more than once per process, so the engine lives on globalThis; Next owns the
 * process's signals, so the engine installs none (handleSignals: false).
 */
const globalForEngine = globalThis as typeof globalThis & { carportEngine?: Promise<RunningEngine> };

export async function register(): Promise<void> {
  // The Edge build of this file must not see the engine's Node-only imports.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (!globalForEngine.carportEngine) {
    globalForEngine.carportEngine = (async () => {
      const [{ startEngine }, { loadConfig }] = await Promise.all([
        import("./server/start"),
        import("./server/config"),
      ]);
      return startEngine(loadConfig(process.env), { handleSignals: false });
    })();
  }
  await globalForEngine.carportEngine;
}
