import { callV2, callV2Effect, emptyOk, json } from "../v1/v2-call";
import type { CompatRoute } from "../v1/table";
import { layoutVersionBody, parseBody } from "../v1/requests";
import { checkNextLayoutVersion, clusterSnapshot, connectNodes } from "../v1/routes-cluster";
import { keyRoutes } from "../v1/routes-keys";
import { bucketRoutes } from "../v1/routes-buckets";
import { v0BucketInfo, v0Health, v0LayoutUpdateBody, v0Layout, v0Status, v2LayoutUpdateFromV0 } from "./translate";

/**
 * Every `/v0/…` endpoint of Garage 0.7.2–0.8, in matching order. Layout
 * updates answer as Garage 0.8 did (`cluster.rs`): 200 with an empty body.
 * Keys always carry their secret.
 */
const v0ClusterRoutes: readonly CompatRoute[] = [
  {
    name: "GetClusterStatus",
    method: "GET",
    path: "/status",
    handle: async (call) => json(v0Status(await clusterSnapshot(call))),
  },
  {
    name: "GetClusterHealth",
    method: "GET",
    path: "/health",
    handle: async (call) => json(v0Health(await callV2(call, "GetClusterHealth", {}))),
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
    handle: async (call) => json(v0Layout(await callV2(call, "GetClusterLayout", {}))),
  },
  {
    name: "UpdateClusterLayout",
    method: "POST",
    path: "/layout",
    handle: async (call, { body }) => {
      await callV2Effect(call, "UpdateClusterLayout", {
        body: v2LayoutUpdateFromV0(parseBody(v0LayoutUpdateBody, body)),
      });
      return emptyOk;
    },
  },
  {
    name: "ApplyClusterLayout",
    method: "POST",
    path: "/layout/apply",
    handle: async (call, { body }) => {
      const { version } = parseBody(layoutVersionBody, body);
      await callV2Effect(call, "ApplyClusterLayout", { body: { version } });
      return emptyOk;
    },
  },
  {
    name: "RevertClusterLayout",
    method: "POST",
    path: "/layout/revert",
    handle: async (call, { body }) => {
      await checkNextLayoutVersion(call, parseBody(layoutVersionBody, body).version);
      await callV2Effect(call, "RevertClusterLayout", {});
      return emptyOk;
    },
  },
];

export const v0Routes: readonly CompatRoute[] = [
  ...v0ClusterRoutes,
  ...keyRoutes({ alwaysShowSecret: true }),
  ...bucketRoutes(v0BucketInfo),
];
