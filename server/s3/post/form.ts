import type http from "node:http";
import type { Readable } from "node:stream";
import busboy from "busboy";
import { limits } from "../../util/limits";
import { S3Error } from "../errors";

/**
 * A browser form upload (multipart/form-data), read as a stream: the fields
 * that come before the file are collected (bounded), the file is handed over as
 * a stream and never held; fields after the file are ignored, as S3 does.
 */

export interface PostForm {
  /** Field names lower-cased (S3 treats them without regard to case), values as sent. */
  fields: Map<string, string>;
  /** The names as sent, for the policy's "extra input fields" check. */
  fieldNames: string[];
  file: { stream: Readable; filename: string; contentType: string };
  /** Resolves once the whole form has been read (after the file was consumed). */
  finished: Promise<void>;
}

/**
 * Reads and discards what is left of a refused form, so the client, still sending it,
 * receives the error instead of a connection reset (AWS answers after the request).
 * Past `maxBytes` it stops: false, and the caller closes the connection.
 */
export function drainForm(req: http.IncomingMessage, maxBytes: number): Promise<boolean> {
  if (req.complete) return Promise.resolve(true);
  if (Number(req.headers["content-length"]) > maxBytes) return Promise.resolve(false);
  // The parser no longer reads: it may be stalled on a part nobody consumes.
  req.unpipe();
  return new Promise<boolean>((resolve) => {
    let drainedBytes = 0;
    const settle = (drained: boolean) => {
      req.off("data", count);
      req.off("end", ended);
      req.off("close", closed);
      req.off("error", closed);
      if (!drained) req.pause();
      resolve(drained);
    };
    const count = (chunk: Buffer) => {
      drainedBytes += chunk.length;
      if (drainedBytes > maxBytes) settle(false);
    };
    const ended = () => settle(true);
    const closed = () => settle(req.complete);
    req.on("data", count);
    req.on("end", ended);
    req.on("close", closed);
    req.on("error", closed);
    req.resume();
  });
}

export function isMultipartForm(req: http.IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers["content-type"] ?? "");
}

export function readPostForm(req: http.IncomingMessage): Promise<PostForm> {
  return new Promise<PostForm>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        limits: {
          fieldSize: limits.maxPostFormFieldsBytes,
          fields: limits.maxPostFormFields,
          files: 1,
          parts: limits.maxPostFormFields + 1,
        },
      });
    } catch {
      reject(
        new S3Error("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data."),
      );
      return;
    }
    const fields = new Map<string, string>();
    const fieldNames: string[] = [];
    let fieldBytes = 0;
    let fileSeen = false;
    const finished = new Promise<void>((finish, fail) => {
      parser.on("close", finish);
      parser.on("error", fail);
    });
    finished.catch(() => undefined);
    parser.on("field", (name, value, info) => {
      if (fileSeen) return;
      fieldBytes += Buffer.byteLength(name) + Buffer.byteLength(value);
      if (info.valueTruncated || fieldBytes > limits.maxPostFormFieldsBytes)
        reject(new S3Error("MaxPostPreDataLengthExceededError"));
      fields.set(name.toLowerCase(), value);
      fieldNames.push(name);
    });
    parser.on("file", (name, stream, info) => {
      if (fileSeen || name.toLowerCase() !== "file") {
        stream.resume();
        return;
      }
      fileSeen = true;
      resolve({
        fields,
        fieldNames,
        file: { stream, filename: info.filename ?? "", contentType: info.mimeType },
        finished,
      });
    });
    parser.on("fieldsLimit", () => reject(new S3Error("MaxPostPreDataLengthExceededError")));
    parser.on("error", () =>
      reject(
        new S3Error("MalformedPOSTRequest", "The body of your POST request is not well-formed multipart/form-data."),
      ),
    );
    parser.on("close", () =>
      reject(
        new S3Error("InvalidArgument", "POST requires exactly one file upload per request.", {
          details: { ArgumentName: "file", ArgumentValue: "0" },
        }),
      ),
    );
    req.pipe(parser);
  });
}
