import crypto from "node:crypto";
import { customerKeyBytes } from "../engine/service/customer-encryption";
import { S3Error } from "./errors";
import { header, type S3Context, type S3Request } from "./request";
import { transportOf } from "./access/request-facts";

/**
 * SSE-C headers: the customer's key, its algorithm and MD5, for the object
 * (x-amz-server-side-encryption-customer-*) or a copy's source
 * (x-amz-copy-source-server-side-encryption-customer-*), checked in S3's order
 * with S3's answers. Keys travel only over TLS unless a test setup allows HTTP.
 */

export interface CustomerKey {
  key: Buffer;
  keyMd5Base64: string;
}

type Prefix = "x-amz-server-side-encryption-customer" | "x-amz-copy-source-server-side-encryption-customer";

function invalid(message: string, value?: string): S3Error {
  return new S3Error("InvalidArgument", message, {
    details: { ArgumentName: "x-amz-server-side-encryption", ...(value !== undefined ? { ArgumentValue: value } : {}) },
  });
}

export function customerKeyOf(context: S3Context, request: S3Request, prefix: Prefix): CustomerKey | null {
  const algorithm = header(request, `${prefix}-algorithm`);
  const keyBase64 = header(request, `${prefix}-key`);
  const keyMd5Base64 = header(request, `${prefix}-key-md5`);
  if (algorithm === undefined && keyBase64 === undefined && keyMd5Base64 === undefined) return null;
  if (!transportOf(request.req, context.trustForwardedHeaders).secureTransport && !context.sseCustomerOverHttp)
    throw new S3Error(
      "InvalidRequest",
      "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure connection.",
    );
  const serverSide = header(request, "x-amz-server-side-encryption");
  if (serverSide !== undefined && prefix === "x-amz-server-side-encryption-customer")
    throw invalid(
      "Server Side Encryption with Customer provided key is incompatible with the encryption method specified",
      serverSide,
    );
  if (algorithm === undefined)
    throw invalid(
      "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.",
    );
  if (algorithm !== "AES256")
    throw new S3Error(
      "InvalidEncryptionAlgorithmError",
      "The Encryption request you specified is not valid. Supported value: AES256.",
      {
        details: { ArgumentName: "x-amz-server-side-encryption", ArgumentValue: algorithm },
      },
    );
  if (keyBase64 === undefined)
    throw invalid(
      "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.",
    );
  if (keyMd5Base64 === undefined)
    throw invalid(
      "Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.",
    );
  const key = Buffer.from(keyBase64, "base64");
  if (crypto.createHash("md5").update(key).digest("base64") !== keyMd5Base64)
    throw invalid("The calculated MD5 hash of the key did not match the hash that was provided.");
  if (key.length !== customerKeyBytes) throw invalid("The secret key was invalid for the specified algorithm.");
  return { key, keyMd5Base64 };
}

/** What answers echo back about the key used (never the key). */
export function customerKeyHeaders(customerKey: CustomerKey | null): Record<string, string> {
  if (!customerKey) return {};
  return {
    "x-amz-server-side-encryption-customer-algorithm": "AES256",
    "x-amz-server-side-encryption-customer-key-MD5": customerKey.keyMd5Base64,
  };
}
