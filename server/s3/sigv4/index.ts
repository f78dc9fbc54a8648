/**
 * Server-side AWS Signature Version 4 for the S3 API. The S3 layer needs only:
 * `authenticate` for every request, then `createPayloadReader` for its body.
 */
export { authenticate } from "./authenticate";
export type { AuthResult, ChunkSigningContext, SigV4Options, SigV4Request } from "./authenticate";
export type { RequestHeaders } from "./canonical";
export { parseRawQuery, type QueryParam } from "./encoding";
export {
  STREAMING_SIGNED,
  STREAMING_SIGNED_TRAILER,
  STREAMING_UNSIGNED_TRAILER,
  UNSIGNED_PAYLOAD,
  type PayloadMode,
  type StreamingKind,
} from "./payload-mode";
export { AwsChunkedDecoder, Sha256Verifier, createPayloadReader, type PayloadReader } from "./payload-reader";
