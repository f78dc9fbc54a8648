import { describe, expect, it } from "vitest";
import { secretPlaceholder } from "./client-config";
import { credentialSetups, profileName, s3cmdFileSetup } from "./credential-setups";

const input = {
  endpoint: "https://s3.example.com:8080/",
  region: "sto2",
  accessKeyId: "GK0123456789abcdef01234567",
  secretAccessKey: "f".repeat(64),
};

describe("credential set-ups", () => {
  it("name the aws profile, mc alias and s3cmd file after the region, and pass the endpoint", () => {
    const [aws, mc, s3cmd, rclone, boto3] = credentialSetups(input);
    expect(aws.text).toContain("aws configure set --profile sto2 aws_access_key_id GK0123456789abcdef01234567");
    expect(aws.text).toContain("aws --profile sto2 --endpoint-url https://s3.example.com:8080 s3api list-buckets");
    expect(mc.text).toContain(
      `mc alias set sto2 https://s3.example.com:8080 ${input.accessKeyId} ${input.secretAccessKey}`,
    );
    expect(s3cmd.where).toBe("~/.s3cfg-sto2");
    expect(s3cmd.text).toContain("s3cmd -c ~/.s3cfg-sto2");
    expect(rclone.text).toContain("[sto2]");
    expect(boto3.text).toContain('endpoint_url="https://s3.example.com:8080"');
  });

  it("writes an s3cmd file with the endpoint's host and scheme", () => {
    const fields = Object.fromEntries(
      s3cmdFileSetup({ ...input, endpoint: "http://127.0.0.1:3900" })
        .text.split("\n")
        .filter((line) => line.includes(" = "))
        .map((line) => line.split(" = ")),
    );
    expect(fields).toMatchObject({ host_base: "127.0.0.1:3900", use_https: "False", bucket_location: "sto2" });
  });

  it("keeps an unrevealed secret out of every set-up", () => {
    for (const setup of credentialSetups({ ...input, secretAccessKey: null })) {
      expect(setup.text).toContain(secretPlaceholder);
      expect(setup.text).not.toContain(input.secretAccessKey);
    }
  });

  it("makes a usable name of any region", () => {
    expect(profileName("garage")).toBe("garage");
    expect(profileName("eu west/1")).toBe("eu-west-1");
    expect(profileName("")).toBe("carport");
  });
});
