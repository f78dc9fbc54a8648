/**
 * Every limit of the object browser, with its unit in its name. Both sides: the
 * browser plans uploads with the same numbers the server checks.
 */
const mebibyte = 1024 * 1024;

/** Entries (objects and folders) per listing page. */
export const listPageSize = 200;
/** DeleteObjects takes at most 1000 keys per request. */
export const deleteBatchSize = 1000;
/** Counting a prefix before deleting it stops here and says "at least". */
export const maxCountedObjects = 1_000_000;
/** Files at least this large go up in parts. */
export const multipartThresholdBytes = 16 * mebibyte;
/** S3's smallest part (except the last) and the part size we aim for. */
export const minPartSizeBytes = 5 * mebibyte;
export const preferredPartSizeBytes = 8 * mebibyte;
export const maxPartSizeBytes = 5 * 1024 * mebibyte;
export const maxPartCount = 10_000;
/** Part URLs presigned per request, so a huge file never needs thousands at once. */
export const maxPresignedPartsPerRequest = 100;
/** Parts of one file in flight at once. */
export const partConcurrency = 3;
/** Text previews read at most this much (one Range request). */
export const previewTextBytes = 64 * 1024;
/** S3 keys are at most 1024 bytes of UTF-8. */
export const maxKeyBytes = 1024;
/** Upload and download URLs live an hour; share links as long as chosen (SigV4 allows 7 days). */
export const transferUrlExpirySeconds = 3600;
export const shareExpiries = { "1h": 3600, "1d": 86_400, "7d": 604_800 } as const;
export type ShareExpiry = keyof typeof shareExpiries;
/** Objects copied or moved per request. */
export const maxKeysPerCopy = 1000;
/** Object tags as S3 bounds them: 10 on an object, keys of 1 to 128 characters, values of up to 256. */
export const maxObjectTags = 10;
export const maxTagKeyChars = 128;
export const maxTagValueChars = 256;
/** Files one pick or drop may queue (a whole folder tree): beyond, the rest is refused with a message. */
export const maxFilesPerPick = 5000;
