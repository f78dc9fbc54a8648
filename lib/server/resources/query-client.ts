import "server-only";
import { cache } from "react";
import { getQueryClient } from "@/lib/resources/query-client";

/** One QueryClient per server request: React's cache() scopes it to the render. */
export const getServerQueryClient = cache(getQueryClient);
