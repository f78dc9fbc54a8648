import { z } from "zod";
import { maxKeyBytes } from "./limits";
import { isValidKey } from "./paths";

/** The object actions' shared input fields. Both sides. */
export const bucketIdSchema = z.string().trim().min(1, "A bucket id is needed.").max(128);
export const objectKeySchema = z.string().refine(isValidKey, `An object key is 1 to ${maxKeyBytes} bytes of UTF-8.`);
export const prefixSchema = z
  .string()
  .refine((value) => value === "" || (isValidKey(value) && value.endsWith("/")), "A folder ends in “/”.");
