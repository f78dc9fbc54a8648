import Link from "next/link";
import { PageNotFound } from "@/components/shell/page-states";

/** A missing bucket, key or page inside the console: said in the console's own frame. */
export default function NotFound() {
  return <PageNotFound link={Link} />;
}
