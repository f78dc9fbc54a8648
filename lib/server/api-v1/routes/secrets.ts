import "server-only";
import { z } from "zod";
import { kubeAge } from "@/lib/format/kube-age";
import {
  hikubeBucketBySecret,
  listHikubeBuckets,
  readBucketSecret,
  type HikubeBucket,
} from "@/lib/server/hikube/buckets";
import { bucketApiVersion, bucketKind } from "@/lib/server/hikube/manifest";
import { defineRoute } from "../route";
import { listOf } from "../schemas";
import { bucketResource, bucketSecret, secretSummary } from "../seed-schemas";
import { namedTenant } from "./scope-filter";

/** Hikube's Secrets: `kubectl get secret` and `kubectl get secret <name> -o json|yaml`, for a tenant's manifests. */
export function bucketResourceShape(bucket: HikubeBucket): z.output<typeof bucketResource> {
  return {
    apiVersion: bucketApiVersion,
    kind: bucketKind,
    metadata: { name: bucket.name, creationTimestamp: bucket.createdAt },
    status: { bucketName: bucket.bucketName, secretName: bucket.secretName },
  };
}

function summaryShape(bucket: HikubeBucket, nowMs: number): z.output<typeof secretSummary> {
  return {
    name: bucket.secretName,
    type: "Opaque",
    data: 1,
    age: kubeAge(nowMs - Date.parse(bucket.createdAt)),
    createdAt: bucket.createdAt,
  };
}

const tenantQuery = z.object({
  tenant: z.string().optional().describe("Operators: the tenant whose secrets to read."),
});

export const secretRoutes = [
  defineRoute({
    method: "GET",
    path: "/secrets",
    summary: "The tenant's Secrets, as kubectl get secret lists them (name, type, data, age).",
    need: "tenant:read",
    query: tenantQuery,
    status: 200,
    response: listOf(secretSummary),
    async handle({ store, scope }, { query }) {
      const tenantId = namedTenant(scope, query.tenant);
      const nowMs = Date.now();
      return { items: listHikubeBuckets(store, scope, tenantId).map((item) => summaryShape(item, nowMs)) };
    },
  }),
  defineRoute({
    method: "GET",
    path: "/secrets/{name}",
    summary: "One Secret (bucket-<name>) with its BucketInfo, as JSON or, with Accept: application/yaml, YAML.",
    // It holds the key's secret: like revealing a key's, not a viewer's to read.
    need: "tenant:write",
    params: z.object({ name: z.string().min(1).max(253) }),
    query: tenantQuery,
    status: 200,
    response: bucketSecret,
    answerTypes: ["json", "yaml"],
    async handle({ store, scope }, { params, query }) {
      return readBucketSecret(store, hikubeBucketBySecret(store, scope, params.name, namedTenant(scope, query.tenant)));
    },
  }),
];
