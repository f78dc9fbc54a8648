import "server-only";
import type { Connection } from "@/lib/server/connections";
import type { AdminCalls } from "./calls";
import { createAdminClient, requestSignal, unwrap } from "./client";

/** Garage v2's admin API, called as it is: the console's own shapes are v2's. */
export function v2AdminCalls(connection: Connection): AdminCalls {
  const client = createAdminClient(connection);
  const signal = requestSignal;
  const byId = (id: string) => ({ params: { query: { id } }, signal: signal() });
  return {
    listBuckets: () => unwrap(client.GET("/v2/ListBuckets", { signal: signal() })),
    getBucketInfo: (id) => unwrap(client.GET("/v2/GetBucketInfo", byId(id))),
    getBucketInfoByAlias: (globalAlias) =>
      unwrap(client.GET("/v2/GetBucketInfo", { params: { query: { globalAlias } }, signal: signal() })),
    createBucket: (body) => unwrap(client.POST("/v2/CreateBucket", { body, signal: signal() })),
    updateBucket: (id, body) => unwrap(client.POST("/v2/UpdateBucket", { ...byId(id), body })),
    deleteBucket: async (id) => {
      await unwrap(client.POST("/v2/DeleteBucket", byId(id)));
    },
    addBucketAlias: (body) => unwrap(client.POST("/v2/AddBucketAlias", { body, signal: signal() })),
    removeBucketAlias: (body) => unwrap(client.POST("/v2/RemoveBucketAlias", { body, signal: signal() })),
    allowBucketKey: (body) => unwrap(client.POST("/v2/AllowBucketKey", { body, signal: signal() })),
    denyBucketKey: (body) => unwrap(client.POST("/v2/DenyBucketKey", { body, signal: signal() })),
    listKeys: () => unwrap(client.GET("/v2/ListKeys", { signal: signal() })),
    getKeyInfo: (id, showSecretKey) =>
      unwrap(
        client.GET("/v2/GetKeyInfo", {
          params: { query: showSecretKey ? { id, showSecretKey: true } : { id } },
          signal: signal(),
        }),
      ),
    createKey: (body) => unwrap(client.POST("/v2/CreateKey", { body, signal: signal() })),
    importKey: (body) => unwrap(client.POST("/v2/ImportKey", { body, signal: signal() })),
    updateKey: (id, body) => unwrap(client.POST("/v2/UpdateKey", { ...byId(id), body })),
    deleteKey: async (id) => {
      await unwrap(client.POST("/v2/DeleteKey", byId(id)));
    },
  };
}
