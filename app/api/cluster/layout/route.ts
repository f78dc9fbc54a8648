import { layoutEditor } from "@/lib/server/resources/layout";

/** The browser's refresh of the layout editor (lib/resources/layout). */
export function GET(): Promise<Response> {
  return layoutEditor.respond();
}
