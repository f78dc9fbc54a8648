import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { iconDataUrl, iconSvg } from "./icon-data-url";

/** The drawing's elements, without the file's title, comment and layout whitespace. */
function drawing(svg: string): string {
  return svg
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<title>[\s\S]*?<\/title>/g, "")
    .replace(/>\s+</g, "><")
    .trim();
}

describe("the console pages' inline favicon", () => {
  it("draws what app/icon.svg draws", () => {
    const file = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "app", "icon.svg"), "utf8");
    expect(drawing(iconSvg)).toBe(drawing(file));
  });

  it("is a data URL of that SVG", () => {
    expect(iconDataUrl.startsWith("data:image/svg+xml,")).toBe(true);
    expect(decodeURIComponent(iconDataUrl.slice("data:image/svg+xml,".length))).toBe(iconSvg);
  });
});
