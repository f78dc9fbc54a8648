import type { Tag } from "../metadata/records";
import { EngineError } from "../errors";
import { limits } from "../../util/limits";

/**
 * Tag sets as AWS limits them: at most 10 on an object and 50 on a bucket, keys
 * of 1 to 128 characters and values of up to 256, each key once, the characters
 * AWS's tag restrictions allow, and no key under the reserved `aws:` prefix.
 */

const allowedCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

export function assertTagSet(tags: Tag[], owner: "object" | "bucket"): void {
  const max = owner === "object" ? limits.maxObjectTags : limits.maxBucketTags;
  if (tags.length > max)
    throw new EngineError(
      "InvalidTag",
      `${owner === "object" ? "Object" : "Bucket"} tags cannot be greater than ${max}`,
    );
  const seen = new Set<string>();
  for (const [key, value] of tags) {
    if (seen.has(key)) throw new EngineError("InvalidTag", "Cannot provide multiple Tags with the same key");
    seen.add(key);
    const keyChars = [...key].length;
    if (keyChars === 0 || keyChars > limits.maxTagKeyChars)
      throw new EngineError(
        "InvalidTag",
        `The TagKey you have provided is ${keyChars === 0 ? "empty" : "too long"}, it must be 1 to ${limits.maxTagKeyChars} characters`,
      );
    if ([...value].length > limits.maxTagValueChars)
      throw new EngineError("InvalidTag", `The TagValue you have provided is too long, max ${limits.maxTagValueChars}`);
    if (!allowedCharacters.test(key)) throw new EngineError("InvalidTag", "The TagKey you have provided is invalid");
    if (!allowedCharacters.test(value))
      throw new EngineError("InvalidTag", "The TagValue you have provided is invalid");
    if (key.toLowerCase().startsWith("aws:"))
      throw new EngineError("InvalidTag", "Your TagKey cannot be prefixed with aws:");
  }
}
