import { spawnSync } from "node:child_process";
import fs from "node:fs";

/**
 * System tools the test suite drives from Debian. The awscli scenario
 * (tests/cli/awscli.test.ts) must run in CI against Debian's own aws-cli, the one a
 * Debian user gets, not whichever copy a developer has under pyenv: so when
 * /usr/bin/aws is absent and we are root on Debian, we install the package. Off CI
 * (not root, or not Debian) we only say what is missing; the test then uses any
 * `aws` on PATH, or skips loudly.
 */
export const debianAwsPath = "/usr/bin/aws";

export type AwsCliOutcome = "present" | "installed" | "not-root-or-not-debian";

export function ensureDebianAwsCli(env: NodeJS.ProcessEnv = process.env): AwsCliOutcome {
  if (fs.existsSync(debianAwsPath)) return "present";
  const isRoot = process.getuid?.() === 0;
  const isDebian = fs.existsSync("/etc/debian_version");
  if (!isRoot || !isDebian) {
    console.log(
      "test: Debian's awscli is not installed (`sudo apt-get install -y awscli`); the awscli scenario will use any `aws` on PATH or skip.",
    );
    return "not-root-or-not-debian";
  }
  console.log("test: installing Debian's awscli for the aws-cli scenario…");
  // -o Dpkg::Use-Pty=0 keeps apt's progress bars out of CI logs.
  const result = spawnSync("bash", ["-c", "apt-get update && apt-get install -y -o Dpkg::Use-Pty=0 awscli"], {
    stdio: "inherit",
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0 || !fs.existsSync(debianAwsPath))
    throw new Error("Installing awscli with apt-get failed; see the output above.");
  return "installed";
}

/**
 * A Debian tool a test needs (strace for the durability audit and fault injection):
 * present, or installed when we are root on Debian; otherwise an error saying how to
 * get it, because a reliability test that skips proves nothing.
 */
export function ensureDebianTool(
  binaryPath: string,
  debianPackage: string,
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (fs.existsSync(binaryPath)) return;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !fs.existsSync("/etc/debian_version"))
    throw new Error(`${binaryPath} is missing: install it (\`sudo apt-get install -y ${debianPackage}\`).`);
  const result = spawnSync("bash", ["-c", `apt-get update && apt-get install -y -o Dpkg::Use-Pty=0 ${debianPackage}`], {
    stdio: "inherit",
    env: { ...env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0 || !fs.existsSync(binaryPath))
    throw new Error(`Installing ${debianPackage} with apt-get failed; see the output above.`);
}
