import { z } from "zod";
import type { MetadataStore } from "../metadata/store";
import { rawCodec } from "../metadata/records";
import { utf8 } from "../metadata/keys";
import { EngineError } from "../errors";
import type { BlockStore } from "../blocks/store";
import type { Volume } from "../blocks/volume";
import {
  applyLayout,
  createLayoutHistory,
  currentLayout,
  markSynced,
  partitionOf,
  previewLayout,
  revertStaging,
  stageParameters,
  stageRoleChanges,
  type LayoutComputation,
  type LayoutError,
  type LayoutHistory,
  type LayoutParameters,
  type LayoutResult,
  type RoleChange,
  versionStatuses,
} from "../layout";

/**
 * The cluster layout of the embedded engine: its nodes are the volumes. The
 * history is persisted in the `layout` tree; the current version decides block
 * placement (partition = first byte of the block hash -> its replicas' volumes).
 */

const historyKey = utf8("history");

const roleSchema = z.object({ zone: z.string(), capacityBytes: z.number().nullable(), tags: z.array(z.string()) });
const zoneRedundancySchema = z.union([z.object({ atLeast: z.number() }), z.literal("maximum")]);
const historySchema = z.object({
  versions: z.array(
    z.object({
      version: z.number(),
      replicationFactor: z.number(),
      zoneRedundancy: zoneRedundancySchema,
      roles: z.record(z.string(), roleSchema),
      partitionSizeBytes: z.number(),
      assignment: z.array(z.array(z.string())),
    }),
  ),
  staging: z.object({
    roles: z.record(z.string(), roleSchema.nullable()),
    parameters: z.object({ zoneRedundancy: zoneRedundancySchema }).nullable(),
  }),
  trackers: z.record(z.string(), z.object({ ack: z.number(), sync: z.number(), syncAck: z.number() })),
});

export interface InitialRole {
  volume: Volume;
  zone: string;
  capacityBytes: number;
}

export class LayoutService {
  constructor(
    private readonly db: MetadataStore,
    private readonly blocks: BlockStore,
    private readonly replicationFactor: number,
  ) {}

  history(): LayoutHistory {
    return this.decodeIn(this.db.get("layout", historyKey));
  }

  private decodeIn(bytes: Buffer | undefined): LayoutHistory {
    if (!bytes) return createLayoutHistory(this.replicationFactor);
    const parsed = historySchema.safeParse(rawCodec.decode(bytes));
    if (!parsed.success) throw new Error(`corrupt layout history: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  /**
   * First start: every volume gets a role and version 1 is applied, so the engine
   * stores data out of the box. Later starts only restore the placement.
   */
  async initialize(roles: InitialRole[]): Promise<void> {
    if (!this.db.get("layout", historyKey) && roles.length > 0) {
      const changes: RoleChange[] = roles.map(({ volume, zone, capacityBytes }) => ({
        id: volume.id,
        zone,
        capacityBytes,
        tags: [],
      }));
      await this.change((history) => {
        const staged = unwrap(stageRoleChanges(history, changes)).history;
        const applied = applyLayout(staged, 1);
        // Too few volumes for the replication factor: keep the roles staged for the admin to fix.
        return applied.ok ? applied.history : staged;
      });
    }
    this.updatePlacement();
  }

  async stage(changes: RoleChange[], parameters: LayoutParameters | null): Promise<LayoutHistory> {
    return this.change((history) => {
      const withRoles = unwrap(stageRoleChanges(history, changes)).history;
      return parameters ? unwrap(stageParameters(withRoles, parameters)).history : withRoles;
    });
  }

  preview(): LayoutResult<LayoutComputation> {
    return previewLayout(this.history());
  }

  async apply(version: number): Promise<LayoutComputation & { history: LayoutHistory }> {
    const applied = await this.db.write((tx) => {
      const current = this.decodeIn(tx.get("layout", historyKey));
      const expected = currentLayout(current).version + 1;
      if (version !== expected) {
        throw new EngineError(
          "LayoutVersionMismatch",
          `Invalid new layout version: ${version}; the next version must be ${expected} (current version + 1).`,
          { expected },
        );
      }
      const result = unwrap(applyLayout(current, version));
      tx.put("layout", historyKey, rawCodec.encode(result.history));
      return result;
    });
    this.updatePlacement();
    this.onApplied();
    return applied;
  }

  /** Called after every applied version (the rebalance starts moving data). */
  onApplied: () => void = () => undefined;

  /**
   * Garage's skip-dead-nodes: nodes that are down acknowledge `version` (and, with
   * allowMissingData, count as synced), so older versions can stop draining.
   */
  async skipDeadNodes(
    version: number,
    allowMissingData: boolean,
    upNodeIds: Set<string>,
  ): Promise<{ ackUpdated: string[]; syncUpdated: string[] }> {
    const updated = { ackUpdated: [] as string[], syncUpdated: [] as string[] };
    await this.change((history) => {
      const current = currentLayout(history).version;
      if (version !== current)
        throw new EngineError(
          "LayoutVersionMismatch",
          `Invalid layout version: ${version}; the current version is ${current}.`,
          { expected: current },
        );
      const trackers = { ...history.trackers };
      const nodes = new Set(history.versions.flatMap((entry) => Object.keys(entry.roles)));
      for (const id of nodes) {
        if (upNodeIds.has(id)) continue;
        const old = trackers[id] ?? { ack: 0, sync: 0, syncAck: 0 };
        const next = { ...old, ack: Math.max(old.ack, version) };
        if (next.ack !== old.ack) updated.ackUpdated.push(id);
        if (allowMissingData && old.sync < version) {
          next.sync = version;
          next.syncAck = Math.max(old.syncAck, version);
          updated.syncUpdated.push(id);
        }
        trackers[id] = next;
      }
      return { ...history, trackers };
    });
    return updated;
  }

  /** After a complete rebalance every node holds its data for the current version. */
  async markAllSynced(): Promise<void> {
    await this.change((history) => {
      const version = currentLayout(history).version;
      const ids = new Set(history.versions.flatMap((entry) => Object.keys(entry.roles)));
      return [...ids].reduce((acc, id) => markSynced(acc, id, version), history);
    });
  }

  async revert(): Promise<LayoutHistory> {
    return this.change((history) => revertStaging(history));
  }

  /** Writes a new history computed from the stored one, atomically. */
  async change(compute: (history: LayoutHistory) => LayoutHistory): Promise<LayoutHistory> {
    const next = await this.db.write((tx) => {
      const computed = compute(this.decodeIn(tx.get("layout", historyKey)));
      tx.put("layout", historyKey, rawCodec.encode(computed));
      return computed;
    });
    // Trackers decide which versions are live, so any change may change placement.
    this.updatePlacement();
    return next;
  }

  /**
   * Blocks go to the volumes every live layout version (the current one, then those
   * still Draining) assigns their partition to: while data moves, a write reaches
   * both the old and the new placement, so no version misses it.
   */
  updatePlacement(): void {
    const history = this.history();
    const statuses = versionStatuses(history);
    const live = [...history.versions]
      .reverse()
      .filter((version) => statuses.get(version.version) !== "Historical" && version.assignment.length > 0);
    if (live.length === 0) return;
    const assignments = live.map((version) => version.assignment);
    this.blocks.setPlacement({
      writeSets: (hash) => assignments.map((assignment) => assignment[partitionOf(hash)] ?? []),
    });
  }

  /** The partitions the current layout assigns to a volume. */
  partitionsOf(volumeId: string): number[] {
    const partitions: number[] = [];
    currentLayout(this.history()).assignment.forEach((row, partition) => {
      if (row.includes(volumeId)) partitions.push(partition);
    });
    return partitions;
  }
}

function unwrap<T>(result: LayoutResult<T>): T {
  if (!result.ok) throw layoutEngineError(result.error);
  return result;
}

export function layoutEngineError(error: LayoutError): EngineError {
  return new EngineError("InvalidLayout", error.message, { layoutError: error.code });
}
