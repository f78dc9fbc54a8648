/**
 * The KubeMQ target's limits, with their units. An item travels whole in one JSON body
 * (base64 in `data`), so its size is bounded both ways. Both sides: tests send one past it.
 */
const mebibyte = 1024 * 1024;

/** The largest item upload_item takes and get_item returns. */
export const maxItemBytes = 64 * mebibyte;
/** The largest request: an item's base64 (4 bytes per 3) and the envelope around it. */
export const maxRequestBytes = Math.ceil(maxItemBytes / 3) * 4 + 64 * 1024;
/** wait_for_completion looks this many times, this far apart, before saying the change is not visible. */
export const waitAttempts = 40;
export const waitIntervalMs = 250;
/** list_bucket_items answers one ListObjectsV2 page, as the target does. */
export const listPageKeys = 1000;
/** delete_all_items_from_bucket deletes this many per DeleteObjects (S3's maximum). */
export const deleteBatchKeys = 1000;
