import { AdminError } from "../errors";
import { callV2, json, type V2Call } from "./v2-call";
import type { CompatRoute } from "./table";
import {
  connectBody,
  layoutVersionBody,
  optionalLayoutVersionBody,
  parseBody,
  v1LayoutChanges,
  v2LayoutUpdate,
} from "./requests";
import {
  v1ApplyResult,
  v1ConnectResults,
  v1Health,
  v1Layout,
  v1Status,
  type ClusterSnapshot,
} from "./translate-cluster";
import type { V2Schema } from "../v2/contract";

/** v1 cluster and layout routes; the shared readers are exported for v0. */

/** The node answering the request: GetNodeInfo for `self`. */
export async function selfNodeInfo(call: V2Call): Promise<V2Schema<"LocalGetNodeInfoResponse">> {
  const info = await callV2(call, "GetNodeInfo", { query: { node: "self" } });
  const [self] = Object.values(info.success);
  if (!self)
    throw new AdminError("InternalError", `GetNodeInfo for self failed: ${Object.values(info.error).join("; ")}`);
  return self;
}

/** Everything GetClusterStatus shows, read from three v2 calls. */
export async function clusterSnapshot(call: V2Call): Promise<ClusterSnapshot> {
  const self = await selfNodeInfo(call);
  const status = await callV2(call, "GetClusterStatus", {});
  const layout = await callV2(call, "GetClusterLayout", {});
  return { self, status, layout };
}

/**
 * Garage ≤ 0.9 made Revert take the next version number as a safety check.
 * v2's revert takes none, so the check is made here against the current
 * layout, with the same error as a wrong Apply version.
 */
export async function checkNextLayoutVersion(call: V2Call, version: number): Promise<void> {
  const layout = await callV2(call, "GetClusterLayout", {});
  const expected = layout.version + 1;
  if (version !== expected) {
    throw new AdminError("InvalidLayoutVersion", `Invalid new layout version: expected ${expected}, got ${version}`);
  }
}

export async function connectNodes(call: V2Call, body: unknown): Promise<ReturnType<typeof v1ConnectResults>> {
  const peers = parseBody(connectBody, body);
  return v1ConnectResults(await callV2(call, "ConnectClusterNodes", { body: peers }));
}

export const v1ClusterRoutes: readonly CompatRoute[] = [
  {
    name: "GetClusterStatus",
    method: "GET",
    path: "/status",
    handle: async (call) => json(v1Status(await clusterSnapshot(call))),
  },
  {
    name: "GetClusterHealth",
    method: "GET",
    path: "/health",
    handle: async (call) => json(v1Health(await callV2(call, "GetClusterHealth", {}))),
  },
  {
    name: "ConnectClusterNodes",
    method: "POST",
    path: "/connect",
    handle: async (call, { body }) => json(await connectNodes(call, body)),
  },
  {
    name: "GetClusterLayout",
    method: "GET",
    path: "/layout",
    handle: async (call) => json(v1Layout(await callV2(call, "GetClusterLayout", {}))),
  },
  {
    name: "UpdateClusterLayout",
    method: "POST",
    path: "/layout",
    handle: async (call, { body }) => {
      const changes = parseBody(v1LayoutChanges, body);
      return json(v1Layout(await callV2(call, "UpdateClusterLayout", { body: v2LayoutUpdate(changes) })));
    },
  },
  {
    name: "ApplyClusterLayout",
    method: "POST",
    path: "/layout/apply",
    handle: async (call, { body }) => {
      const { version } = parseBody(layoutVersionBody, body);
      return json(v1ApplyResult(await callV2(call, "ApplyClusterLayout", { body: { version } })));
    },
  },
  {
    name: "RevertClusterLayout",
    method: "POST",
    path: "/layout/revert",
    handle: async (call, { body }) => {
      const version = parseBody(optionalLayoutVersionBody, body)?.version;
      if (version !== undefined) await checkNextLayoutVersion(call, version);
      return json(v1Layout(await callV2(call, "RevertClusterLayout", {})));
    },
  },
];
