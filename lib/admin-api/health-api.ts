import { z } from "zod";
import { type ClusterHealth, clusterStates } from "./health";

/** Garage's GetClusterHealth answer, parsed on the server (apart from ./health so the browser carries no zod). */

const count = z.number().int().nonnegative();

// Garage v2 names the field storageNodesUp; v1 (and some builds) say storageNodesOk.
const clusterHealthSchema = z
  .object({
    status: z.enum(clusterStates),
    knownNodes: count,
    connectedNodes: count,
    storageNodes: count,
    storageNodesUp: count.optional(),
    storageNodesOk: count.optional(),
    partitions: count,
    partitionsQuorum: count,
    partitionsAllOk: count,
  })
  .refine(
    (value) => value.storageNodesUp !== undefined || value.storageNodesOk !== undefined,
    "storageNodesUp is missing",
  );

export function parseClusterHealth(raw: unknown): ClusterHealth {
  const { storageNodesOk, storageNodesUp, ...rest } = clusterHealthSchema.parse(raw);
  return { ...rest, storageNodesUp: storageNodesUp ?? storageNodesOk ?? 0 };
}
