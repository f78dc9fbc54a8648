import "server-only";
import type { Connection } from "@/lib/server/connections";
import { createAdminClient, requestSignal, unwrap } from "@/lib/server/admin-api/client";
import type { ZoneRedundancy } from "@/lib/admin-api/cluster";
import { AdminApiError } from "@/lib/admin-api/errors";
import {
  comparePreview,
  stagedRedundancy,
  toLayoutRoles,
  toStagedChanges,
  type LayoutEditorData,
  type LayoutPreview,
} from "@/lib/admin-api/layout";
import { describeZoneRedundancy } from "@/lib/admin-api/cluster";
import type { components } from "@/contracts/garage-admin-v2.gen";

/** Layout reads and writes (v2): one function per operation the editor offers. */
type RoleChangeRequest = components["schemas"]["NodeRoleChangeRequest"];

export async function readLayoutEditor(connection: Connection): Promise<LayoutEditorData> {
  const client = createAdminClient(connection);
  const [layout, status, history] = await Promise.all([
    unwrap(client.GET("/v2/GetClusterLayout", { signal: requestSignal() })),
    unwrap(client.GET("/v2/GetClusterStatus", { signal: requestSignal() })),
    unwrap(client.GET("/v2/GetClusterLayoutHistory", { signal: requestSignal() })),
  ]);
  const withRole = new Set(layout.roles.map((role) => role.id));
  return {
    version: layout.version,
    roles: toLayoutRoles(layout),
    staged: toStagedChanges(layout),
    zoneRedundancy: describeZoneRedundancy(layout.parameters.zoneRedundancy),
    stagedZoneRedundancy: stagedRedundancy(layout),
    candidates: status.nodes
      .filter((node) => !withRole.has(node.id) && !node.role)
      .map((node) => ({ id: node.id, hostname: node.hostname ?? null, address: node.addr ?? null, isUp: node.isUp })),
    nodeAddresses: Object.fromEntries(status.nodes.flatMap((node) => (node.addr ? [[node.id, node.addr]] : []))),
    history: {
      currentVersion: history.currentVersion,
      minAck: history.minAck,
      versions: history.versions.map((entry) => ({ ...entry })),
    },
  };
}

export type RoleInput =
  | { id: string; remove: true }
  | { id: string; remove: false; zone: string; capacityBytes: number | null; tags: string[] };

export async function stageLayoutChanges(
  connection: Connection,
  roles: RoleInput[],
  zoneRedundancy: ZoneRedundancy | null,
): Promise<void> {
  const changes: RoleChangeRequest[] = roles.map((role) =>
    role.remove
      ? { id: role.id, remove: true }
      : { id: role.id, zone: role.zone, capacity: role.capacityBytes, tags: role.tags },
  );
  const body = zoneRedundancy ? { roles: changes, parameters: { zoneRedundancy } } : { roles: changes };
  await unwrap(createAdminClient(connection).POST("/v2/UpdateClusterLayout", { body, signal: requestSignal() }));
}

/** Garage answers a layout it cannot compute with `{error}` and HTTP 200: that is an error here. */
export async function previewLayout(connection: Connection): Promise<LayoutPreview> {
  const client = createAdminClient(connection);
  const [current, preview] = await Promise.all([
    unwrap(client.GET("/v2/GetClusterLayout", { signal: requestSignal() })),
    unwrap(client.POST("/v2/PreviewClusterLayoutChanges", { signal: requestSignal() })),
  ]);
  if ("error" in preview) throw new AdminApiError(400, "LayoutNotComputable", preview.error);
  return comparePreview(current, preview.newLayout, preview.message, preview.statistics);
}

/** An AdminApiError so actions report it like any cluster refusal; its message is the sentence shown. */
export class LayoutVersionConflictError extends AdminApiError {
  override name = "LayoutVersionConflictError";
  constructor(readonly currentVersion: number) {
    super(
      409,
      "LayoutVersionConflict",
      `The layout changed meanwhile: it is now at version ${currentVersion}. The page shows it again; review the staged changes and apply.`,
    );
  }
}

/**
 * Applies the staged changes as `expectedVersion` (the version the admin saw, plus one).
 * Garage answers a wrong version with a generic error (a 500 on real clusters), so on
 * any failure the layout is re-read to tell a conflict from another error.
 */
export async function applyLayout(
  connection: Connection,
  expectedVersion: number,
): Promise<{ version: number; messages: string[] }> {
  const client = createAdminClient(connection);
  const current = await unwrap(client.GET("/v2/GetClusterLayout", { signal: requestSignal() }));
  if (current.version + 1 !== expectedVersion) throw new LayoutVersionConflictError(current.version);
  try {
    const applied = await unwrap(
      client.POST("/v2/ApplyClusterLayout", { body: { version: expectedVersion }, signal: requestSignal() }),
    );
    return { version: applied.layout.version, messages: applied.message };
  } catch (error) {
    const reread = await unwrap(client.GET("/v2/GetClusterLayout", { signal: requestSignal() }));
    if (reread.version !== current.version) throw new LayoutVersionConflictError(reread.version);
    throw error;
  }
}

export async function revertLayout(connection: Connection): Promise<void> {
  await unwrap(createAdminClient(connection).POST("/v2/RevertClusterLayout", { signal: requestSignal() }));
}

/**
 * ConnectClusterNodes with one address; the engine takes an absolute directory as a new
 * volume. Answers the node it became (found by its address, or the id the address
 * names), so the editor can say what was added and select it; null if it cannot be told.
 */
export async function connectNode(
  connection: Connection,
  address: string,
): Promise<{ nodeId: string | null; address: string }> {
  const client = createAdminClient(connection);
  const [result] = await unwrap(client.POST("/v2/ConnectClusterNodes", { body: [address], signal: requestSignal() }));
  if (!result?.success)
    throw new AdminApiError(400, "ConnectFailed", result?.error ?? "The node could not be connected.");
  const status = await unwrap(client.GET("/v2/GetClusterStatus", { signal: requestSignal() }));
  const namedId = address.includes("@") ? address.slice(0, address.indexOf("@")).toLowerCase() : null;
  const bare = (value: string) => value.replace(/(.)\/+$/, "$1");
  const node = status.nodes.find(
    (candidate) => (candidate.addr && bare(candidate.addr) === bare(address)) || candidate.id === namedId,
  );
  return { nodeId: node?.id ?? null, address };
}
