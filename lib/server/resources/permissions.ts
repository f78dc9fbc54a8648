import "server-only";
import { isConsoleKey } from "@/lib/server/s3/console-key";
import {
  firstMatrixPage,
  type MatrixPageRequest,
  permissionMatrixQuery,
  permissionPageQuery,
} from "@/lib/resources/permissions";
import { InputError } from "@/lib/server/action-errors";
import { readScopedMatrix } from "@/lib/server/tenancy/grants";
import { pageScopedMatrix } from "@/lib/server/tenancy/matrix-pages";
import { defineRead } from "./define-read";
import { routeError } from "./respond";

/** The keys × buckets matrix through the caller's scope (a tenant's: its keys on its buckets), the console's own key marked. */
export const permissionMatrix = defineRead({ need: "tenant:read", query: permissionMatrixQuery }, async (ctx) => {
  const isConsole = isConsoleKey(ctx.connection.id);
  const matrix = await readScopedMatrix(ctx.store, ctx.scope);
  return { ...matrix, keys: matrix.keys.map((key) => ({ ...key, consoleKey: isConsole(key) })) };
});

/** The Permissions page's matrix, a page of keys by a page of buckets (lib/server/tenancy/matrix-pages), the console's own key marked. */
export const permissionPage = defineRead(
  { need: "tenant:read", query: permissionPageQuery },
  async (ctx, request: MatrixPageRequest) => {
    const isConsole = isConsoleKey(ctx.connection.id);
    const page = await pageScopedMatrix(ctx.store, ctx.scope, request);
    return { ...page, keys: page.keys.map((key) => ({ ...key, consoleKey: isConsole(key) })) };
  },
);

const maxPage = 1_000_000;
const maxQueryChars = 256;

function pageNumber(search: URLSearchParams, name: string): number {
  const page = Number(search.get(name) ?? "0");
  if (!Number.isInteger(page) || page < 0 || page > maxPage) throw new InputError(`${name} is not a page number.`);
  return page;
}

function searchText(search: URLSearchParams, name: string): string {
  const text = search.get(name) ?? "";
  if (text.length > maxQueryChars) throw new InputError("The filter is too long.");
  return text;
}

/** GET /api/permissions: with `keyPage` one page of the matrix, else the whole matrix. */
export function respondPermissions(search: URLSearchParams): Promise<Response> {
  if (!search.has("keyPage")) return permissionMatrix.respond();
  let request: MatrixPageRequest;
  try {
    request = {
      ...firstMatrixPage,
      keyPage: pageNumber(search, "keyPage"),
      keyQuery: searchText(search, "keyQuery"),
      bucketPage: pageNumber(search, "bucketPage"),
      bucketQuery: searchText(search, "bucketQuery"),
    };
  } catch (error) {
    return Promise.resolve(routeError(error));
  }
  return permissionPage.respond(request);
}
