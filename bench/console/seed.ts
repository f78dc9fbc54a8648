import { loadConfig } from "../../server/config";
import { startEngine } from "../../server/start";

/**
 * The console's bench data, written through the engine's services before the product
 * starts on the same data dir: buckets, access keys, and one grant per key so the
 * permission matrix has cells to draw.
 */

export interface ConsoleSeed {
  buckets: number;
  keys: number;
}

/** Created in parallel groups so the engine's group commit pays one fsync per group. */
const groupSize = 100;

async function inGroups(count: number, work: (index: number) => Promise<unknown>): Promise<void> {
  for (let first = 0; first < count; first += groupSize)
    await Promise.all(Array.from({ length: Math.min(groupSize, count - first) }, (_, offset) => work(first + offset)));
}

const padded = (index: number) => String(index).padStart(4, "0");

export async function seedConsole(dataDir: string, seed: ConsoleSeed): Promise<void> {
  const config = loadConfig(
    { CARPORT_DATA_DIR: dataDir, CARPORT_S3_PORT: "0", CARPORT_WEB_PORT: "0", CARPORT_ADMIN_PORT: "0" },
    dataDir,
  );
  const running = await startEngine(config);
  try {
    const { engine } = running;
    const bucketIds: string[] = new Array(seed.buckets);
    await inGroups(seed.buckets, async (index) => {
      bucketIds[index] = (await engine.buckets.create({ globalAlias: `bench-bucket-${padded(index)}` })).id;
    });
    await inGroups(seed.keys, async (index) => {
      const key = await engine.keys.create({ name: `bench-key-${padded(index)}` });
      if (bucketIds.length > 0)
        await engine.buckets.changeKeyPermission(
          bucketIds[index % bucketIds.length],
          key.accessKeyId,
          { read: true, write: index % 2 === 0 },
          true,
        );
    });
  } finally {
    await running.stop();
  }
}
