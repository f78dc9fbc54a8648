import "server-only";
import { parseAllDocuments } from "yaml";
import { InputError } from "@/lib/server/action-errors";

/**
 * Hikube's Bucket manifest: `apiVersion: apps.cozystack.io/v1alpha1`, `kind: Bucket`,
 * `metadata.name`, no spec. Every refusal names the field at fault.
 */
export const bucketApiVersion = "apps.cozystack.io/v1alpha1";
export const bucketKind = "Bucket";
/** `bucket-<name>` names the HelmRelease, and Helm release names stop at 53 characters. */
export const maxManifestNameLength = 53 - "bucket-".length;
const namePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Metadata a Kubernetes manifest may carry that a Bucket ignores. */
const ignoredMetadata = new Set(["namespace", "labels", "annotations"]);

export interface BucketManifest {
  name: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Does a JSON body mean to be a manifest (rather than the API's `{name, quotaBytes}`)? */
export function looksLikeManifest(body: unknown): boolean {
  return isObject(body) && ("apiVersion" in body || "kind" in body || "metadata" in body);
}

/** One YAML (or JSON, which YAML reads too) document; several, or none, are refused. */
export function parseManifestText(text: string): unknown {
  const documents = parseAllDocuments(text).filter((document) => document.contents !== null);
  if (documents.length === 0) throw new InputError("The manifest is empty: paste a Bucket manifest.");
  if (documents.length > 1) throw new InputError("Send one manifest at a time: this text holds several documents.");
  const [document] = documents;
  if (document.errors.length > 0)
    throw new InputError(`The manifest is not valid YAML: ${document.errors[0].message.split("\n")[0]}`);
  return document.toJS();
}

function describe(value: unknown): string {
  return typeof value === "string" ? `“${value}”` : (JSON.stringify(value) ?? String(value));
}

export function validateManifest(manifest: unknown): BucketManifest {
  if (!isObject(manifest))
    throw new InputError("The manifest must be an object with apiVersion, kind and metadata.name.");
  for (const field of Object.keys(manifest))
    if (!["apiVersion", "kind", "metadata", "spec"].includes(field))
      throw new InputError(`${field}: not a field of a Bucket manifest.`);
  if (manifest.apiVersion !== bucketApiVersion)
    throw new InputError(
      manifest.apiVersion === undefined
        ? `apiVersion: required, ${bucketApiVersion}.`
        : `apiVersion: expected ${bucketApiVersion}, got ${describe(manifest.apiVersion)}.`,
    );
  if (manifest.kind !== bucketKind)
    throw new InputError(
      manifest.kind === undefined
        ? `kind: required, ${bucketKind}.`
        : `kind: expected ${bucketKind}, got ${describe(manifest.kind)}.`,
    );
  const { spec, metadata } = manifest;
  if (spec !== undefined && spec !== null) {
    if (!isObject(spec)) throw new InputError("spec: a Bucket has no spec; leave it out.");
    const [first] = Object.keys(spec);
    if (first !== undefined) throw new InputError(`spec.${first}: a Bucket has no spec fields; leave it out.`);
  }
  if (!isObject(metadata)) throw new InputError("metadata.name: required.");
  for (const field of Object.keys(metadata))
    if (field !== "name" && !ignoredMetadata.has(field))
      throw new InputError(`metadata.${field}: not a field a Bucket's metadata takes here.`);
  return { name: validateName(metadata.name) };
}

function validateName(name: unknown): string {
  if (name === undefined || name === null || name === "") throw new InputError("metadata.name: required.");
  if (typeof name !== "string") throw new InputError(`metadata.name: expected a string, got ${describe(name)}.`);
  if (name.length > maxManifestNameLength)
    throw new InputError(`metadata.name: at most ${maxManifestNameLength} characters (bucket-<name> is a Helm name).`);
  if (!namePattern.test(name))
    throw new InputError(
      `metadata.name: ${describe(name)} is not a valid name: use lowercase letters, digits and hyphens, starting and ending with a letter or digit.`,
    );
  return name;
}
