/**
 * What the demo seeds through: the engine's admin API (the layout), the console's
 * /api/v1 as its users (tenants, users, buckets, Hikube manifests), Keystone (project
 * credentials) and S3. Exactly the doors a client uses; nothing reaches a database.
 */
export interface ConsoleUserCredentials {
  name: string;
  password: string;
}

async function answer<T>(response: Response, what: string): Promise<T> {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

export function adminApi(adminUrl: string, adminToken: string) {
  return async <T>(operation: string, body?: unknown): Promise<T> => {
    const response = await fetch(new URL(`/v2/${operation}`, adminUrl), {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return answer<T>(response, operation);
  };
}

const basic = (user: ConsoleUserCredentials) =>
  `Basic ${Buffer.from(`${user.name}:${user.password}`).toString("base64")}`;

export function consoleApi(consoleUrl: string, user: ConsoleUserCredentials) {
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const response = await fetch(`${consoleUrl}/api/v1${path}`, {
        method,
        headers: { Authorization: basic(user), "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return answer<T>(response, `${method} ${path}`);
    },
    async postYaml<T>(path: string, yaml: string): Promise<T> {
      const response = await fetch(`${consoleUrl}/api/v1${path}`, {
        method: "POST",
        headers: { Authorization: basic(user), "Content-Type": "application/yaml" },
        body: yaml,
      });
      return answer<T>(response, `POST ${path}`);
    },
  };
}

export interface Ec2Credential {
  access: string;
  secret: string;
  tenant_id: string;
  user_id: string;
}

/** `openstack ec2 credentials create`, as the client does it: a project-scoped token, then OS-EC2. */
export async function createEc2Credential(
  consoleUrl: string,
  user: ConsoleUserCredentials,
  project: string,
): Promise<Ec2Credential> {
  const identity = `${consoleUrl}/identity/v3`;
  const tokenResponse = await fetch(`${identity}/auth/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: user.name, domain: { name: "Default" }, password: user.password } },
        },
        scope: { project: { name: project, domain: { name: "Default" } } },
      },
    }),
  });
  const token = tokenResponse.headers.get("x-subject-token") ?? "";
  const { token: body } = await answer<{ token: { user: { id: string }; project: { id: string } } }>(
    tokenResponse,
    "POST /identity/v3/auth/tokens",
  );
  const created = await fetch(`${identity}/users/${body.user.id}/credentials/OS-EC2`, {
    method: "POST",
    headers: { "X-Auth-Token": token, "Content-Type": "application/json" },
    body: JSON.stringify({ tenant_id: body.project.id }),
  });
  return (await answer<{ credential: Ec2Credential }>(created, "POST OS-EC2")).credential;
}
