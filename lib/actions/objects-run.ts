import "server-only";
import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { describeS3Error } from "@/lib/s3/errors";
import { isValidKey } from "@/lib/s3/paths";
import { maxKeyBytes } from "@/lib/s3/limits";
import { describeActionError } from "./run";

/** The object actions' shared tail: S3 refusals get their own sentences, the rest the house's. */
export async function runObjectAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    return { ok: false, ...(describeS3Error(error) ?? describeActionError(error)) };
  }
}

export const bucketIdSchema = z.string().trim().min(1, "A bucket id is needed.").max(128);
export const objectKeySchema = z.string().refine(isValidKey, `An object key is 1 to ${maxKeyBytes} bytes of UTF-8.`);
export const prefixSchema = z
  .string()
  .refine((value) => value === "" || (isValidKey(value) && value.endsWith("/")), "A folder ends in “/”.");
