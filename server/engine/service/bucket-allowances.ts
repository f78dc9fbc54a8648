import type { MetadataStore, ReadTx, WriteTx } from "../metadata/store";
import { utf8 } from "../metadata/keys";
import { type BucketAllowanceRecord, records } from "../metadata/records";
import { EngineError } from "../errors";

/**
 * Bucket allowances: a budget of buckets and quota bytes that the keys drawing on it may
 * spend through S3 CreateBucket, shared between them and spent in the same transaction
 * as the bucket is made, so two keys racing for the last bucket cannot both get it, and
 * a bucket so made carries its quota from its first byte. The engine knows nothing of
 * who sets one or why (the console keeps one per tenant for its S3 credentials).
 */
const treeKey = (id: string) => utf8(`bucket-allowance:${id}`);
const idPattern = /^[A-Za-z0-9_.:-]{1,128}$/;

export interface AllowanceValues {
  bucketsLeft: number;
  bytesLeft: number;
  bucketQuotaBytes: number;
}

export function readAllowance(tx: ReadTx, id: string): BucketAllowanceRecord | null {
  const bytes = tx.get("meta", treeKey(id));
  return bytes ? records.bucketAllowance.decode(bytes) : null;
}

/**
 * Spends one bucket of the allowance: the quota the new bucket gets (the allowance's,
 * capped at the bytes left). AccessDenied when nothing is left.
 */
export function spendAllowanceInTx(tx: WriteTx, id: string): { quotaBytes: number } {
  const allowance = readAllowance(tx, id);
  if (!allowance || allowance.bucketsLeft < 1 || allowance.bytesLeft < 1)
    throw new EngineError(
      "AccessDenied",
      "This access key may create no more buckets: its bucket allowance is used up (a bucket or byte limit).",
    );
  const quotaBytes = Math.min(allowance.bucketQuotaBytes, allowance.bytesLeft);
  const next: BucketAllowanceRecord = {
    ...allowance,
    bucketsLeft: allowance.bucketsLeft - 1,
    bytesLeft: allowance.bytesLeft - quotaBytes,
    generation: allowance.generation + 1,
  };
  tx.put("meta", treeKey(id), records.bucketAllowance.encode(next));
  return { quotaBytes };
}

export class BucketAllowanceService {
  constructor(private readonly db: MetadataStore) {}

  get(id: string): BucketAllowanceRecord | null {
    return readAllowance(this.db, id);
  }

  /**
   * Sets the allowance. `ifGeneration`: a number sets it only while its generation is
   * still that one, null only while it does not exist (PreconditionFailed otherwise);
   * undefined sets it whatever it is.
   */
  async set(id: string, values: AllowanceValues, ifGeneration?: number | null): Promise<BucketAllowanceRecord> {
    if (!idPattern.test(id))
      throw new EngineError("InvalidRequest", "Allowance ids are 1 to 128 letters, digits, '.', '_', ':' or '-'.");
    for (const [name, value] of Object.entries(values))
      if (!Number.isSafeInteger(value) || value < 0 || (name === "bucketQuotaBytes" && value < 1))
        throw new EngineError(
          "InvalidRequest",
          `${name} must be a whole number${name === "bucketQuotaBytes" ? " above 0" : " of 0 or more"}.`,
        );
    return this.db.write((tx) => {
      const current = readAllowance(tx, id);
      if (ifGeneration !== undefined && (current?.generation ?? null) !== ifGeneration)
        throw new EngineError("PreconditionFailed", `The allowance ${id} changed since it was read.`);
      const next: BucketAllowanceRecord = { v: 1, ...values, generation: (current?.generation ?? 0) + 1 };
      tx.put("meta", treeKey(id), records.bucketAllowance.encode(next));
      return next;
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.db.write((tx) => {
      const existed = readAllowance(tx, id) !== null;
      tx.delete("meta", treeKey(id));
      return existed;
    });
  }
}
