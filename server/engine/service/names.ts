import { limits } from "../../util/limits";
import { EngineError } from "../errors";

/** AWS's bucket naming rules (general purpose buckets). */
export function bucketNameProblem(name: string): string | null {
  if (name.length < limits.minBucketNameLength || name.length > limits.maxBucketNameLength) {
    return `Bucket names must be between ${limits.minBucketNameLength} and ${limits.maxBucketNameLength} characters long.`;
  }
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return "Bucket names can consist only of lowercase letters, numbers, dots and hyphens, and must begin and end with a letter or number.";
  }
  if (name.includes("..")) return "Bucket names must not contain two adjacent periods.";
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return "Bucket names must not be formatted as an IP address.";
  if (name.startsWith("xn--") || name.startsWith("sthree-"))
    return "Bucket names must not start with the prefix xn-- or sthree-.";
  if (name.endsWith("-s3alias") || name.endsWith("--ol-s3"))
    return "Bucket names must not end with the suffix -s3alias or --ol-s3.";
  return null;
}

/**
 * Aliases given through the admin API follow S3's legacy rules (3–255 letters of
 * either case, digits, '.', '-', '_'), as Garage's v0 examples use names such as
 * "NameOfMyBucket"; such buckets are reached with path-style requests. Buckets
 * created through S3 itself follow today's strict rules (bucketNameProblem).
 */
export function aliasNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9._-]{3,255}$/.test(name)) return "Bucket aliases are 3 to 255 letters, digits, '.', '-' or '_'.";
  if (name.includes("..")) return "Bucket aliases must not contain two adjacent periods.";
  return null;
}

export function assertBucketName(name: string): void {
  const problem = aliasNameProblem(name);
  if (problem) throw new EngineError("InvalidBucketName", problem, { bucketName: name });
}

/** Object keys: non-empty UTF-8 of at most 1024 bytes, without NUL (which XML cannot carry). */
export function assertObjectKey(key: string): void {
  if (key.length === 0) throw new EngineError("InvalidKeyName", "Object keys must not be empty.");
  if (Buffer.byteLength(key, "utf8") > limits.maxKeyBytes) {
    throw new EngineError(
      "InvalidKeyName",
      `Your key is too long: keys are at most ${limits.maxKeyBytes} bytes of UTF-8.`,
      { key: key.slice(0, 64) },
    );
  }
  if (key.includes("\u0000")) throw new EngineError("InvalidKeyName", "Object keys must not contain NUL characters.");
  if (!key.isWellFormed()) throw new EngineError("InvalidKeyName", "Object keys must be valid UTF-8.");
}
