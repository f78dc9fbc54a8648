/**
 * What a crash may leave of one multipart upload, from what the client was told.
 * The upload's steps are issued one at a time (per-key lock), so its history is a
 * sequence: create, parts, then complete or abort; only the steps in flight at the
 * kill (unacknowledged) may or may not have happened.
 */

export interface SentPart {
  partNumber: number;
  etag: string;
  sizeBytes: number;
  acknowledged: boolean;
}

export type Verdict = "lost" | "torn" | "resurrected";

export interface ListedUpload {
  uploadId: string;
  parts: Array<{ partNumber: number; etag: string; sizeBytes: number }>;
}

export class UploadModel {
  /** null until CreateMultipartUpload is acknowledged (an unacknowledged create may leave an upload we cannot name). */
  uploadId: string | null = null;
  createSent = false;
  readonly parts: SentPart[] = [];
  ending: { kind: "complete" | "abort"; acknowledged: boolean } | null = null;

  /** The upload is still open as far as acknowledgements go. */
  get open(): boolean {
    return this.uploadId !== null && !(this.ending?.acknowledged ?? false);
  }

  /** The step the workload should take next, given the parts it plans. */
  next(plannedParts: number): "create" | "part" | "end" {
    if (this.uploadId === null) return "create";
    return this.parts.filter((part) => part.acknowledged).length < plannedParts ? "part" : "end";
  }

  /**
   * Judges the uploads listed for this key after the restart (with their parts),
   * and whether the completed object is visible. Returns the verdicts found.
   */
  judge(listed: ListedUpload[], completedVisible: boolean): Array<{ verdict: Verdict; detail: string }> {
    const found: Array<{ verdict: Verdict; detail: string }> = [];
    const ours = listed.find((upload) => upload.uploadId === this.uploadId);
    const strangers = listed.filter((upload) => upload.uploadId !== this.uploadId);
    // An upload we never learned the id of may exist only if a create was in flight.
    const unnamedCreateInFlight = this.createSent && this.uploadId === null;
    if (strangers.length > (unnamedCreateInFlight ? 1 : 0))
      found.push({
        verdict: "resurrected",
        detail: `uploads nobody has open: ${strangers.map((u) => u.uploadId).join(", ")}`,
      });
    if (this.uploadId === null) return found;
    const ending = this.ending;
    if (ending?.acknowledged && ours)
      found.push({ verdict: "resurrected", detail: `${ending.kind}d upload is listed again` });
    if (!ending && !ours) found.push({ verdict: "lost", detail: "an open upload is gone" });
    if (ending?.kind === "complete" && !ending.acknowledged && !ours && !completedVisible)
      found.push({ verdict: "lost", detail: "the upload is gone but its object is not there" });
    if (ours) {
      for (const part of this.parts.filter((sent) => sent.acknowledged)) {
        const listedPart = ours.parts.find((candidate) => candidate.partNumber === part.partNumber);
        if (!listedPart || listedPart.etag !== part.etag || listedPart.sizeBytes !== part.sizeBytes)
          found.push({
            verdict: "lost",
            detail: `acknowledged part ${part.partNumber} is ${JSON.stringify(listedPart)}`,
          });
      }
      for (const listedPart of ours.parts) {
        const sent = this.parts.some(
          (part) =>
            part.partNumber === listedPart.partNumber &&
            part.etag === listedPart.etag &&
            part.sizeBytes === listedPart.sizeBytes,
        );
        if (!sent)
          found.push({
            verdict: "torn",
            detail: `part ${listedPart.partNumber} was never sent as ${JSON.stringify(listedPart)}`,
          });
      }
    }
    return found;
  }
}
