import { handleKeystone } from "@/lib/server/keystone/handle";

/** Keystone v3 for the OpenStack client (`openstack ec2 credentials …`): a table in lib/server/keystone. */
type Context = { params: Promise<{ path?: string[] }> };

async function handler(request: Request, { params }: Context): Promise<Response> {
  return handleKeystone(request, (await params).path ?? []);
}

export const GET = handler;
export const HEAD = handler;
export const POST = handler;
export const DELETE = handler;
