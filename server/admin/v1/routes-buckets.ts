import { callV2, callV2Effect, json, noContent, type V2Call } from "./v2-call";
import { has, required, type CompatRoute, type Query } from "./table";
import {
  bucketKeyPermBody,
  createBucketBody,
  parseBody,
  updateBucketBody,
  v2BucketKeyPerm,
  v2CreateBucket,
  v2UpdateBucket,
} from "./requests";
import { v1BucketList } from "./translate-buckets";
import type { V2Schema } from "../v2/contract";

/**
 * Bucket, permission and alias routes, shared by v1 and v0: every answer that
 * is a bucket goes through `render`, which is the only thing the versions do
 * differently here.
 */

export type RenderBucket = (bucket: V2Schema<"GetBucketInfoResponse">) => unknown;

/** The v2 operations that answer with the bucket they read or changed. */
type BucketAnswer =
  | "GetBucketInfo"
  | "CreateBucket"
  | "UpdateBucket"
  | "AllowBucketKey"
  | "DenyBucketKey"
  | "AddBucketAlias"
  | "RemoveBucketAlias";

async function bucketCall(
  call: V2Call,
  operation: BucketAnswer,
  input: { query?: Query; body?: unknown },
  render: RenderBucket,
) {
  return json(render(await callV2(call, operation, input)));
}

function globalAlias(query: Query) {
  return { bucketId: required(query, "id"), globalAlias: required(query, "alias") };
}

function localAlias(query: Query) {
  return {
    bucketId: required(query, "id"),
    accessKeyId: required(query, "accessKeyId"),
    localAlias: required(query, "alias"),
  };
}

function bucketInfoRoutes(render: RenderBucket): CompatRoute[] {
  return [
    {
      name: "GetBucketInfo",
      method: "GET",
      path: "/bucket",
      when: has("id", "globalAlias"),
      handle: (call, { query }) =>
        bucketCall(call, "GetBucketInfo", { query: { id: query.id, globalAlias: query.globalAlias } }, render),
    },
    {
      name: "ListBuckets",
      method: "GET",
      path: "/bucket",
      handle: async (call) => json(v1BucketList(await callV2(call, "ListBuckets", {}))),
    },
    {
      name: "CreateBucket",
      method: "POST",
      path: "/bucket",
      handle: (call, { body }) =>
        bucketCall(call, "CreateBucket", { body: v2CreateBucket(parseBody(createBucketBody, body)) }, render),
    },
    {
      name: "DeleteBucket",
      method: "DELETE",
      path: "/bucket",
      when: has("id"),
      handle: async (call, { query }) => {
        await callV2Effect(call, "DeleteBucket", { query: { id: required(query, "id") } });
        return noContent;
      },
    },
    {
      name: "UpdateBucket",
      method: "PUT",
      path: "/bucket",
      when: has("id"),
      handle: (call, { query, body }) =>
        bucketCall(
          call,
          "UpdateBucket",
          { query: { id: required(query, "id") }, body: v2UpdateBucket(parseBody(updateBucketBody, body)) },
          render,
        ),
    },
  ];
}

function permissionAndAliasRoutes(render: RenderBucket): CompatRoute[] {
  const permission =
    (operation: "AllowBucketKey" | "DenyBucketKey") =>
    (call: V2Call, { body }: { body: unknown }) =>
      bucketCall(call, operation, { body: v2BucketKeyPerm(parseBody(bucketKeyPermBody, body)) }, render);
  return [
    { name: "BucketAllowKey", method: "POST", path: "/bucket/allow", handle: permission("AllowBucketKey") },
    { name: "BucketDenyKey", method: "POST", path: "/bucket/deny", handle: permission("DenyBucketKey") },
    {
      name: "GlobalAliasBucket",
      method: "PUT",
      path: "/bucket/alias/global",
      handle: (call, { query }) => bucketCall(call, "AddBucketAlias", { body: globalAlias(query) }, render),
    },
    {
      name: "GlobalUnaliasBucket",
      method: "DELETE",
      path: "/bucket/alias/global",
      handle: (call, { query }) => bucketCall(call, "RemoveBucketAlias", { body: globalAlias(query) }, render),
    },
    {
      name: "LocalAliasBucket",
      method: "PUT",
      path: "/bucket/alias/local",
      handle: (call, { query }) => bucketCall(call, "AddBucketAlias", { body: localAlias(query) }, render),
    },
    {
      name: "LocalUnaliasBucket",
      method: "DELETE",
      path: "/bucket/alias/local",
      handle: (call, { query }) => bucketCall(call, "RemoveBucketAlias", { body: localAlias(query) }, render),
    },
  ];
}

export function bucketRoutes(render: RenderBucket): readonly CompatRoute[] {
  return [...bucketInfoRoutes(render), ...permissionAndAliasRoutes(render)];
}
