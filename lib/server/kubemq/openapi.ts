import "server-only";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { kubemqErrorStatuses } from "./errors";
import { kubemqMethods } from "./request";

/** POST /kubemq/s3 in the console API's OpenAPI document: KubeMQ's envelope, not the API's. */
const kubemqRequest = z
  .object({
    metadata: z.object({
      method: z.enum(kubemqMethods),
      bucket_name: z.string().optional().describe("Every method but list_buckets."),
      item_name: z.string().optional().describe("upload_item, get_item, delete_item_from_bucket, copy_item."),
      copy_source: z.string().optional().describe("copy_item: bucket/key, or a bucket whose item_name is copied."),
      wait_for_completion: z.enum(["true", "false"]).optional(),
    }),
    data: z.string().nullable().describe("Base64: upload_item's item (at most 64 MiB)."),
  })
  .meta({ id: "KubemqRequest", description: "KubeMQ's aws-s3 target request." });

const kubemqSuccess = z
  .object({
    metadata: z.object({ result: z.literal("ok") }),
    data: z
      .string()
      .nullable()
      .describe("Base64 of the aws-sdk-go output as JSON; get_item: of the item's bytes; null for deletions."),
    is_error: z.literal(false),
    error: z.literal(""),
  })
  .meta({ id: "KubemqSuccess" });

const kubemqFailure = z
  .object({ metadata: z.object({}), data: z.null(), is_error: z.literal(true), error: z.string() })
  .meta({ id: "KubemqFailure" });

export function registerKubemq(registry: OpenAPIRegistry): void {
  const failures = Object.fromEntries(
    Object.entries(kubemqErrorStatuses).map(([kind, status]) => [
      String(status),
      { description: kind, content: { "application/json": { schema: kubemqFailure } } },
    ]),
  );
  registry.registerPath({
    method: "post",
    path: "/kubemq/s3",
    summary:
      "KubeMQ's aws-s3 target: the nine methods, authenticated by an S3 access key and secret as HTTP Basic, acting with exactly that key's permissions.",
    security: [{ basic: [] }],
    request: { body: { content: { "application/json": { schema: kubemqRequest } }, required: true } },
    responses: {
      200: { description: "Done.", content: { "application/json": { schema: kubemqSuccess } } },
      ...failures,
    },
  });
}
