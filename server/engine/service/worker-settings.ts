import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";
import { limits } from "../../util/limits";

/** The worker variables an admin sets are kept across restarts (Garage persists them too). */

const settingsKey = utf8("worker_settings");
const settingsSchema = z.object({
  resyncTranquility: z.number().default(limits.resyncTranquility),
  resyncWorkerCount: z.number().default(1),
  rebalanceTranquility: z.number().default(limits.rebalanceTranquility),
  scrubTranquility: z.number().default(limits.scrubTranquility),
});
export type WorkerSettingsRecord = z.infer<typeof settingsSchema>;

export class WorkerSettings {
  constructor(private readonly db: MetadataStore) {}

  load(): WorkerSettingsRecord {
    const bytes = this.db.get("meta", settingsKey);
    return settingsSchema.parse(bytes ? rawCodec.decode(bytes) : {});
  }

  async save(change: Partial<WorkerSettingsRecord>): Promise<void> {
    await this.db.write((tx) => {
      const bytes = tx.get("meta", settingsKey);
      const next = { ...settingsSchema.parse(bytes ? rawCodec.decode(bytes) : {}), ...change };
      tx.put("meta", settingsKey, rawCodec.encode(next));
    });
  }
}
