import { maxKeyBytes } from "./limits";

/** Keys, prefixes and names: pure functions, both sides. The delimiter is always "/". */
export const delimiter = "/";

export interface Crumb {
  label: string;
  prefix: string;
}

/** The breadcrumbs of a folder: the bucket, then each folder down to `prefix`. */
export function breadcrumbs(bucketName: string, prefix: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: bucketName, prefix: "" }];
  let path = "";
  for (const part of prefix.split(delimiter).slice(0, -1)) {
    path += `${part}${delimiter}`;
    crumbs.push({ label: part === "" ? "(empty)" : part, prefix: path });
  }
  return crumbs;
}

/** A key or folder prefix as shown inside its parent folder. */
export function displayName(fullKey: string, parentPrefix: string): string {
  const rest = fullKey.startsWith(parentPrefix) ? fullKey.slice(parentPrefix.length) : fullKey;
  return rest === "" || rest === delimiter ? "(empty)" : rest;
}

/** The parent folder of a folder prefix ("a/b/" -> "a/"). */
export function parentPrefix(prefix: string): string {
  const trimmed = prefix.endsWith(delimiter) ? prefix.slice(0, -1) : prefix;
  const cut = trimmed.lastIndexOf(delimiter);
  return cut < 0 ? "" : trimmed.slice(0, cut + 1);
}

/** A prefix is "" or ends in the delimiter; anything else is normalised by adding it. */
export function normalisePrefix(prefix: string | null | undefined): string {
  if (!prefix) return "";
  return prefix.endsWith(delimiter) ? prefix : `${prefix}${delimiter}`;
}

/** The last path segment of a key: the file name a download should carry. */
export function baseName(key: string): string {
  const trimmed = key.endsWith(delimiter) ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf(delimiter) + 1) || "download";
}

export function keyByteLength(key: string): number {
  return new TextEncoder().encode(key).length;
}

export function isValidKey(key: string): boolean {
  const bytes = keyByteLength(key);
  return bytes > 0 && bytes <= maxKeyBytes;
}

/**
 * Content-Disposition for a download: an ASCII fallback plus RFC 5987's UTF-8 form, so
 * any key name survives without letting quotes or newlines into the header.
 */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Where a copied or moved object lands: the target folder plus the source's file name. */
export function targetKey(sourceKey: string, targetPrefix: string): string {
  return `${normalisePrefix(targetPrefix)}${baseName(sourceKey)}`;
}

/** The local alias the console key gets for a bucket without a global alias. */
export function consoleLocalAlias(bucketId: string): string {
  return `console-${bucketId.slice(0, 24).toLowerCase()}`;
}

/** Whether a content type is previewed as text or as an image. */
export function previewKind(contentType: string | null, key: string): "text" | "image" | null {
  const type = (contentType ?? "").toLowerCase();
  if (type.startsWith("image/") && !type.includes("svg")) return "image";
  if (type.startsWith("text/") || /^application\/(json|xml|x-yaml|yaml|javascript|x-sh|toml)/.test(type)) return "text";
  if (/\.(png|jpe?g|gif|webp|avif|bmp)$/i.test(key)) return "image";
  if (/\.(txt|md|csv|tsv|log|json|xml|ya?ml|toml|ini|conf|sh|js|ts|css|html?)$/i.test(key)) return "text";
  return null;
}
