import { PageLoading } from "@/components/shell/page-states";

/** Every section's loading state: shown at once when a page's reads take time. */
export default function Loading() {
  return <PageLoading />;
}
