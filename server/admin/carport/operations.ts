import { z } from "zod";
import type { AdminRequestContext } from "../context";
import { AdminError, toAdminError } from "../errors";
import type { AdminHttpResponse } from "../http-types";
import { defineOperation, type Operation } from "../v2/define";
import { isEngineError } from "../../engine/errors";
import type { BucketAllowanceRecord } from "../../engine/metadata/records";
import { listBucketExposure } from "./exposure";
import { getBucketInfos } from "./bucket-infos";
import { limits } from "../../util/limits";
import { requireScope } from "../auth";
import type { V2OperationName } from "../v2/operations";

/**
 * Carport's own admin endpoints, beside Garage's (`/carport/v1/<Operation>`): bucket
 * allowances and which buckets are public (exposure.ts), which a Garage cluster does not
 * have, so a console finds out whether a cluster offers them by asking (Garage answers 404 NotFound for the path; Carport
 * NoSuchBucketAllowance for an allowance it does not hold). Only the admin token, or an
 * admin token of scope "*", reaches them; ListBucketExposure, a listing, needs ListBuckets, and
 * GetBucketInfos (GetBucketInfo of many buckets, bucket-infos.ts) needs GetBucketInfo.
 */
export const carportOperations = {
  GetBucketAllowance: "GET",
  SetBucketAllowance: "POST",
  DeleteBucketAllowance: "POST",
  SetKeyBucketAllowance: "POST",
  ListBucketExposure: "GET",
  GetBucketInfos: "POST",
} as const;
type CarportOperation = keyof typeof carportOperations;

/** The Garage operation whose scope a token needs for this one; the others need the admin token or scope "*". */
const garageScopeOf: Partial<Record<CarportOperation, V2OperationName>> = {
  ListBucketExposure: "ListBuckets",
  GetBucketInfos: "GetBucketInfo",
};

const allowanceId = z.string().min(1).max(128);
const byId = z.object({ id: allowanceId });

function shape(id: string, record: BucketAllowanceRecord) {
  const { bucketsLeft, bytesLeft, bucketQuotaBytes, generation } = record;
  return { id, bucketsLeft, bytesLeft, bucketQuotaBytes, generation };
}

const operations: Record<CarportOperation, Operation> = {
  GetBucketAllowance: defineOperation({
    query: byId,
    handle({ admin }, { query }) {
      const record = admin.engine.allowances.get(query.id);
      if (!record) throw new AdminError("NoSuchBucketAllowance", `No bucket allowance ${query.id}.`);
      return shape(query.id, record);
    },
  }),
  SetBucketAllowance: defineOperation({
    body: z.object({
      id: allowanceId,
      bucketsLeft: z.number().int().nonnegative(),
      bytesLeft: z.number().int().nonnegative(),
      bucketQuotaBytes: z.number().int().positive(),
      /** Set only while the allowance is at this generation (null: only while it does not exist). */
      ifGeneration: z.number().int().nonnegative().nullable().optional(),
    }),
    async handle({ admin }, { body }) {
      const { id, ifGeneration, ...values } = body;
      try {
        return shape(id, await admin.engine.allowances.set(id, values, ifGeneration));
      } catch (error) {
        if (isEngineError(error, "PreconditionFailed")) throw new AdminError("AllowanceChanged", error.message);
        throw error;
      }
    },
  }),
  DeleteBucketAllowance: defineOperation({
    query: byId,
    async handle({ admin }, { query }) {
      if (!(await admin.engine.allowances.delete(query.id)))
        throw new AdminError("NoSuchBucketAllowance", `No bucket allowance ${query.id}.`);
      return undefined;
    },
  }),
  SetKeyBucketAllowance: defineOperation({
    query: z.object({ id: z.string().min(1) }),
    body: z.object({ allowance: allowanceId.nullable() }),
    async handle({ admin }, { query, body }) {
      const key = await admin.engine.keys.update(query.id, (record) => ({
        ...record,
        bucketAllowance: body.allowance,
      }));
      return { accessKeyId: key.accessKeyId, allowance: key.bucketAllowance ?? null };
    },
  }),
  ListBucketExposure: defineOperation({ handle: (context) => listBucketExposure(context) }),
  GetBucketInfos: defineOperation({
    body: z.object({ ids: z.array(z.string().min(1).max(128)).max(limits.maxBucketInfosPerRequest) }),
    handle: (context, { body }) => getBucketInfos(context, body.ids),
  }),
};

function isCarportOperation(name: string): name is CarportOperation {
  return Object.hasOwn(carportOperations, name);
}

export async function routeCarport(
  context: AdminRequestContext,
  method: string,
  name: string,
  input: { query: Record<string, string | undefined>; body: unknown },
): Promise<AdminHttpResponse> {
  if (!isCarportOperation(name)) throw new AdminError("NotFound", `Unknown API endpoint: /carport/v1/${name}`);
  if (method !== carportOperations[name])
    throw new AdminError("MethodNotAllowed", `${name} expects ${carportOperations[name]}, not ${method}.`);
  const { caller } = context;
  const asGarage = garageScopeOf[name];
  // Reading which buckets are public is a bucket listing, many buckets' info is GetBucketInfo: a token that may do that may ask.
  if (asGarage) requireScope(caller, asGarage);
  else if (caller.kind !== "root" && !caller.token.scope.includes("*"))
    throw new AdminError("AccessDenied", `Forbidden: this token does not have access to the endpoint ${name}`);
  try {
    return await operations[name].run(context, input);
  } catch (error) {
    throw toAdminError(error);
  }
}
