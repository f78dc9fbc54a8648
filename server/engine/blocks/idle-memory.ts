import v8 from "node:v8";
import vm from "node:vm";

/**
 * Gives memory back once the engine is idle. Block buffers live in shared memory
 * (SharedArrayBuffer), which V8 frees only when a full collection finds them
 * unreachable, and it does not count them as pressure to collect: after the block
 * pools dropped their free buffers, an engine with no more large transfers held them
 * indefinitely (measured with `npm run bench -- --phases large,million`: 1.9 GiB idle
 * without pools, ~390 MiB with them, 274 MiB with this collection). So a pool that
 * drops its buffers asks for one full collection. Where the runtime refuses to expose
 * the collector, this does nothing.
 */
let collector: (() => void) | null | undefined;

function findCollector(): (() => void) | null {
  try {
    v8.setFlagsFromString("--expose-gc");
    const collect: unknown = vm.runInNewContext("gc");
    return typeof collect === "function" ? (collect as () => void) : null;
  } catch {
    return null;
  }
}

export function returnIdleMemory(): void {
  if (collector === undefined) collector = findCollector();
  collector?.();
}
