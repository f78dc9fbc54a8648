import { describe, expect, it } from "vitest";
import { kubemqExamples } from "@/tests/seeds/seed-examples";
import { KubemqError } from "./errors";
import { kubemqMethods, parseKubemqRequest } from "./request";

/** Each section's own method, where the seed's example repeats another's (Upload Item, Delete All Items). */
const sectionMethods: Record<string, string> = {
  "List Buckets": "list_buckets",
  "List Bucket Items": "list_bucket_items",
  "Create Bucket": "create_bucket",
  "Upload Item": "upload_item",
  "Get Item": "get_item",
  "Delete Item": "delete_item_from_bucket",
  "Delete All Items": "delete_all_items_from_bucket",
  "Copy Item": "copy_item",
  "Delete Bucket": "delete_bucket",
};

function refusal(body: unknown): string {
  try {
    parseKubemqRequest(body);
  } catch (error) {
    expect(error).toBeInstanceOf(KubemqError);
    expect((error as KubemqError).status).toBe(400);
    return (error as Error).message;
  }
  throw new Error("accepted");
}

describe("parseKubemqRequest", () => {
  it("reads every example of the seed, each with its section's method", () => {
    const examples = kubemqExamples();
    expect([...examples.keys()].sort()).toEqual(Object.keys(sectionMethods).sort());
    for (const [title, example] of examples) {
      const method = sectionMethods[title];
      const parsed = parseKubemqRequest({ ...example, metadata: { ...example.metadata, method } });
      expect(parsed.method).toBe(method);
      if (example.metadata.bucket_name) expect(parsed.bucketName).toBe(example.metadata.bucket_name);
    }
    const upload = examples.get("Upload Item");
    expect(parseKubemqRequest({ ...upload, metadata: { ...upload?.metadata, method: "upload_item" } }).data).toEqual(
      Buffer.from("my item here"),
    );
  });

  it("lists the valid methods for an unknown one", () => {
    const message = refusal({ metadata: { method: "rename_bucket" }, data: null });
    for (const method of kubemqMethods) expect(message).toContain(method);
  });

  it.each([
    ["method", { metadata: {} }],
    ["bucket_name", { metadata: { method: "list_bucket_items" } }],
    ["item_name", { metadata: { method: "get_item", bucket_name: "b" } }],
    ["copy_source", { metadata: { method: "copy_item", bucket_name: "b", item_name: "i" } }],
    ["data", { metadata: { method: "upload_item", bucket_name: "b", item_name: "i" }, data: null }],
    ["metadata", { data: null }],
    ["wait_for_completion", { metadata: { method: "list_buckets", wait_for_completion: "yes" } }],
  ])("names %s when it is missing or wrong", (field, body) => {
    expect(refusal(body)).toContain(`error parsing ${field}`);
  });

  it.each(["bXkgaXRlbSBoZXJl!", "bXkgaXRlbSBoZXJ", "bXkg aXRl", 42])("refuses the data %j as base64", (data) => {
    expect(refusal({ metadata: { method: "list_buckets" }, data })).toContain("error parsing data");
  });
});
