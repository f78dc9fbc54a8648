import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";

/**
 * The scrub's schedule and position (Garage persists the same: last completion,
 * next run, corruptions found, and where a scrub in progress stands), so a restart
 * neither forgets a scrub nor starts one over.
 */

const stateKey = utf8("scrub");
const positionSchema = z.object({
  /** Volumes are scrubbed in id order; this is the one in progress. */
  volumeId: z.string(),
  /** The next partition sub-directory to verify on it. */
  partition: z.number(),
  checkedBlocks: z.number(),
  corruptBlocks: z.number(),
  startedMs: z.number(),
});
const stateSchema = z.object({
  lastCompletedMs: z.number().nullable(),
  nextRunMs: z.number(),
  corruptionsDetected: z.number(),
  paused: z.boolean(),
  running: positionSchema.nullable(),
});
export type ScrubPosition = z.infer<typeof positionSchema>;
export type ScrubState = z.infer<typeof stateSchema>;

export class ScrubProgress {
  constructor(
    private readonly db: MetadataStore,
    private readonly firstRunMs: () => number,
  ) {}

  load(): ScrubState {
    const bytes = this.db.get("meta", stateKey);
    if (bytes) return stateSchema.parse(rawCodec.decode(bytes));
    return {
      lastCompletedMs: null,
      nextRunMs: this.firstRunMs(),
      corruptionsDetected: 0,
      paused: false,
      running: null,
    };
  }

  async update(change: (state: ScrubState) => ScrubState): Promise<ScrubState> {
    return this.db.write((tx) => {
      const bytes = tx.get("meta", stateKey);
      const current = bytes ? stateSchema.parse(rawCodec.decode(bytes)) : this.load();
      const next = change(current);
      tx.put("meta", stateKey, rawCodec.encode(next));
      return next;
    });
  }
}
