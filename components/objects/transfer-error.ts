/** A transfer to S3 that failed, said in a sentence; `retryable` when another attempt may succeed. */
export class TransferError extends Error {
  override name = "TransferError";
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}
