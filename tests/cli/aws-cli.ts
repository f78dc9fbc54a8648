import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Finding and running the `aws` command line. CI installs Debian's awscli
 * (scripts/lib/system-deps.ts), so /usr/bin/aws wins; otherwise any `aws` on PATH
 * (a developer's pyenv copy). CARPORT_AWS_CLI names a binary explicitly, to try
 * another version against the same scenario.
 */

const commandTimeoutMs = 180_000;

export interface AwsCli {
  path: string;
  version: string;
}

function onPath(name: string): string | null {
  for (const directory of (process.env.PATH ?? "").split(path.delimiter)) {
    const candidate = path.join(directory, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory; keep looking.
    }
  }
  return null;
}

export function findAwsCli(): AwsCli | null {
  const candidates = [process.env.CARPORT_AWS_CLI, "/usr/bin/aws", onPath("aws")].filter(
    (candidate): candidate is string => Boolean(candidate),
  );
  for (const candidate of candidates) {
    try {
      const version = execFileSync(candidate, ["--version"], {
        encoding: "utf8",
        timeout: 30_000,
        stdio: ["ignore", "pipe", "pipe"],
      }).trim();
      return { path: candidate, version };
    } catch {
      // A pyenv shim with no aws behind it fails here: try the next candidate.
    }
  }
  return null;
}

export interface AwsEnvironment {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  endpointUrl: string;
  /** A directory for an empty config and credentials file, so the user's profile cannot interfere. */
  homeDir: string;
}

export interface AwsResult {
  stdout: string;
  stderr: string;
}

export class AwsRunner {
  constructor(
    readonly cli: AwsCli,
    private readonly environment: AwsEnvironment,
  ) {
    fs.mkdirSync(environment.homeDir, { recursive: true });
    fs.writeFileSync(path.join(environment.homeDir, "config"), "");
    fs.writeFileSync(path.join(environment.homeDir, "credentials"), "");
  }

  private env(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ACCESS_KEY_ID: this.environment.accessKeyId,
      AWS_SECRET_ACCESS_KEY: this.environment.secretAccessKey,
      AWS_DEFAULT_REGION: this.environment.region,
      AWS_CONFIG_FILE: path.join(this.environment.homeDir, "config"),
      AWS_SHARED_CREDENTIALS_FILE: path.join(this.environment.homeDir, "credentials"),
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
    };
    // A profile, session token or region from the caller's shell would change what aws-cli signs.
    for (const name of [
      "AWS_PROFILE",
      "AWS_SESSION_TOKEN",
      "AWS_REGION",
      "AWS_ENDPOINT_URL",
      "AWS_ENDPOINT_URL_S3",
      "AWS_CA_BUNDLE",
    ])
      delete env[name];
    return env;
  }

  /** Runs `aws <args> --endpoint-url <engine>`; a non-zero exit rejects with the command and its output. */
  run(args: string[]): Promise<AwsResult> {
    const fullArgs = [...args, "--endpoint-url", this.environment.endpointUrl];
    return new Promise((resolve, reject) => {
      execFile(
        this.cli.path,
        fullArgs,
        { env: this.env(), timeout: commandTimeoutMs, maxBuffer: 16 * 1024 * 1024, encoding: "utf8" },
        (error, stdout, stderr) => {
          if (error)
            reject(
              new Error(
                `aws ${fullArgs.join(" ")} failed (${error.message.split("\n")[0]})\nstdout:\n${stdout}\nstderr:\n${stderr}`,
              ),
            );
          else resolve({ stdout, stderr });
        },
      );
    });
  }
}
