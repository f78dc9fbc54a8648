import { authorizeRequest } from "@/lib/auth/guard";
import { getActiveConnection } from "@/lib/connections";
import { describeS3Error } from "@/lib/s3/errors";
import { listFolder } from "@/lib/s3/objects";
import { normalisePrefix } from "@/lib/s3/paths";
import { describeActionError } from "@/lib/server/action-errors";

/**
 * One page of a folder for the browser's "next page": session and role checked here,
 * listed with the console key on the server. `token` is S3's continuation token.
 */
const maxParamBytes = 2048;
const notFoundCodes = new Set(["NoSuchBucket", "NotFound"]);

export async function GET(request: Request, { params }: { params: Promise<{ bucketId: string }> }): Promise<Response> {
  const authorized = await authorizeRequest("admin");
  if (!authorized.ok) return authorized.response;
  const { bucketId } = await params;
  const search = new URL(request.url).searchParams;
  const prefix = normalisePrefix(search.get("prefix"));
  const token = search.get("token") || null;
  if (prefix.length > maxParamBytes || (token?.length ?? 0) > maxParamBytes) {
    return Response.json(
      { error: { code: "InvalidInput", message: "The folder or page token is too long." } },
      { status: 400 },
    );
  }
  try {
    const page = await listFolder(await getActiveConnection(), bucketId, prefix, token);
    return Response.json(page, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const described = describeS3Error(error) ?? describeActionError(error);
    const code = described.code ?? "InternalError";
    return Response.json(
      { error: { code, message: described.error } },
      { status: notFoundCodes.has(code) ? 404 : 502 },
    );
  }
}
