import { callV2, callV2Effect, json, noContent, type V2Call } from "./v2-call";
import { has, required, type CompatRoute, type Query } from "./table";
import {
  createKeyBody,
  importKeyBody,
  parseBody,
  updateKeyBody,
  v2CreateKey,
  v2ImportKey,
  v2UpdateKey,
} from "./requests";
import { v1KeyInfo, v1KeyList } from "./translate-keys";

/**
 * Key routes, shared by v1 and v0. They differ on the secret: v1 shows it only
 * when asked (`showSecretKey=true`) and answers UpdateKey with `null`; v0
 * always shows it, in every key answer.
 */

export interface KeyRouteOptions {
  alwaysShowSecret: boolean;
}

function showSecret(query: Query, options: KeyRouteOptions): string {
  return options.alwaysShowSecret || query.showSecretKey === "true" ? "true" : "false";
}

async function keyInfo(call: V2Call, query: Query, options: KeyRouteOptions) {
  const v2Query = { id: query.id, search: query.search, showSecretKey: showSecret(query, options) };
  return v1KeyInfo(await callV2(call, "GetKeyInfo", { query: v2Query }));
}

async function updateKey(call: V2Call, query: Query, body: unknown, options: KeyRouteOptions) {
  const id = required(query, "id");
  const updated = await callV2(call, "UpdateKey", { query: { id }, body: v2UpdateKey(parseBody(updateKeyBody, body)) });
  // v2 answers UpdateKey without the secret; v0 clients expect it, so it is read back.
  return options.alwaysShowSecret ? keyInfo(call, { id }, options) : v1KeyInfo(updated);
}

export function keyRoutes(options: KeyRouteOptions): readonly CompatRoute[] {
  return [
    {
      name: "GetKeyInfo",
      method: "GET",
      path: "/key",
      when: has("id", "search"),
      handle: async (call, { query }) => json(await keyInfo(call, query, options)),
    },
    {
      name: "UpdateKey",
      method: "POST",
      path: "/key",
      when: has("id"),
      handle: async (call, { query, body }) => json(await updateKey(call, query, body, options)),
    },
    {
      name: "CreateKey",
      method: "POST",
      path: "/key",
      handle: async (call, { body }) =>
        json(v1KeyInfo(await callV2(call, "CreateKey", { body: v2CreateKey(parseBody(createKeyBody, body)) }))),
    },
    {
      name: "ImportKey",
      method: "POST",
      path: "/key/import",
      handle: async (call, { body }) =>
        json(v1KeyInfo(await callV2(call, "ImportKey", { body: v2ImportKey(parseBody(importKeyBody, body)) }))),
    },
    {
      name: "DeleteKey",
      method: "DELETE",
      path: "/key",
      when: has("id"),
      handle: async (call, { query }) => {
        await callV2Effect(call, "DeleteKey", { query: { id: required(query, "id") } });
        return noContent;
      },
    },
    {
      name: "ListKeys",
      method: "GET",
      path: "/key",
      handle: async (call) => json(v1KeyList(await callV2(call, "ListKeys", {}))),
    },
  ];
}
