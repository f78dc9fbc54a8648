/** The metadata store's trees and the read and write interfaces every engine service is written against (store.ts implements them). */

export const treeNames = [
  "meta",
  "bucket",
  "global_alias",
  "local_alias",
  "access_key",
  "perm_by_bucket",
  "perm_by_key",
  "bucket_counter",
  "object",
  "object_version",
  "version_block",
  "version_part",
  "block_ref",
  "mpu",
  "mpu_by_id",
  "mpu_done",
  "admin_token",
  "layout",
  "block_error",
  "block_resync",
  "bucket_access",
] as const;

export type TreeName = (typeof treeNames)[number];

export interface RangeOptions {
  /** Inclusive lower bound. */
  start?: Buffer;
  /** Exclusive lower bound (wins over start when both are set). */
  after?: Buffer;
  /** Exclusive upper bound. */
  end?: Buffer;
  limit: number;
  reverse?: boolean;
}

export type Entry = [key: Buffer, value: Buffer];
/** A row whose key was given back as text, without its leading binary prefix (see rangeTextKeys). */
export type TextKeyEntry = [key: string, value: Buffer];

export interface ReadTx {
  get(tree: TreeName, key: Buffer): Buffer | undefined;
  range(tree: TreeName, options: RangeOptions): Entry[];
  count(tree: TreeName, options: Omit<RangeOptions, "limit" | "reverse">): number;
}

export interface WriteTx extends ReadTx {
  put(tree: TreeName, key: Buffer, value: Buffer): void;
  delete(tree: TreeName, key: Buffer): void;
}
