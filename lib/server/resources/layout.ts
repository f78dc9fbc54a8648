import "server-only";
import { readLayoutEditor } from "@/lib/server/admin-api/layout";
import { layoutEditorQuery } from "@/lib/resources/layout";
import { defineRead } from "./define-read";
import { gated } from "./gated";

/** The layout editor's data, read on the server: the page's prefetch and /api/cluster/layout. */
export const layoutEditor = defineRead({ need: "cluster:read", query: layoutEditorQuery }, ({ connection }) =>
  gated(connection, "layoutEdit", () => readLayoutEditor(connection)),
);
