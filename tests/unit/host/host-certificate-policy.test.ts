import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NS_DS } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { parseXmlStrict } from "../../../native-host/xmldsig/xml-dom.ts";
import { CLI, REPO } from "./host-process.ts";
import { useHostHarness } from "./host-harness.ts";
import { scratchDir } from "./scratch-dir.ts";

/**
 * The certificate list marks a certificate outside the certificate policy as not usable for
 * signing: the helper's list-tokens (usableForSigning, what the extension offers) and
 * `hocba tokens`. Real SoftHSM token; the weak certificates are the hostile fixtures' own, written
 * onto the token beside the test token's good ones.
 */
const harness = useHostHarness({ dataPrefix: "hocba-policy" });
const MODULE = "/usr/lib/softhsm/libsofthsm2.so";
const FIXTURES = path.join(REPO, "tests/fixtures/attacks/hostile");

/** The signer's certificate (DER) of the GVCN signature in a hostile fixture. */
function signerCertificate(file: string): Buffer {
  const doc = parseXmlStrict(readFileSync(path.join(FIXTURES, file), "utf8"));
  const cert = doc.getElementsByTagNameNS(NS_DS, "X509Certificate").item(0);
  return Buffer.from((cert?.textContent ?? "").replace(/\s/g, ""), "base64");
}

const WEAK = [
  ["30", "yeu-rsa-1024", "cert-rsa-1024.xml"],
  ["31", "chi-server-auth", "cert-eku-server-auth.xml"],
  ["32", "critical-la", "cert-unknown-critical.xml"],
] as const;

beforeAll(() => {
  const dir = scratchDir("hocba-policy-certs");
  for (const [id, label, file] of WEAK) {
    const der = path.join(dir, `${label}.der`);
    writeFileSync(der, signerCertificate(file));
    execFileSync(
      "pkcs11-tool",
      [
        "--module",
        MODULE,
        "--token-label",
        harness.token.label,
        "--login",
        "--pin",
        harness.token.pin,
        "--write-object",
        der,
        "--type",
        "cert",
        "--id",
        id,
        "--label",
        label,
      ],
      { env: harness.token.env, stdio: "ignore" },
    );
  }
}, 60_000);

describe("the certificate list and the certificate policy", () => {
  it("list-tokens marks certificates outside the policy as not usable for signing", async () => {
    const { host } = harness.start();
    await host.hello();
    host.send({ type: "list-tokens", requestId: "lt" });
    const reply = await host.next((r) => r.requestId === "lt");
    const token = (
      reply.tokens as { label: string; certificates: { label: string; usableForSigning: boolean }[] }[]
    ).find((t) => t.label === harness.token.label);
    const usable = Object.fromEntries((token?.certificates ?? []).map((c) => [c.label, c.usableForSigning]));
    expect(usable).toMatchObject({
      gvcn: true,
      "yeu-rsa-1024": false,
      "chi-server-auth": false,
      "critical-la": false,
    });
  }, 60_000);

  it("hocba tokens says why", () => {
    const out = execFileSync(process.execPath, [CLI, "tokens", "--json", "--module", MODULE], {
      env: harness.token.env,
      encoding: "utf8",
    });
    const listing = JSON.parse(out) as {
      modules: { tokens?: { label: string; certificates?: { label: string; status: string }[] }[] }[];
    };
    const certs = listing.modules
      .flatMap((m) => m.tokens ?? [])
      .filter((t) => t.label === harness.token.label)
      .flatMap((t) => t.certificates ?? []);
    const status = Object.fromEntries(certs.map((c) => [c.label, c.status]));
    expect(status).toMatchObject({
      gvcn: "ky-duoc",
      "yeu-rsa-1024": "khong-dat-chinh-sach",
      "chi-server-auth": "khong-dat-chinh-sach",
      "critical-la": "khong-dat-chinh-sach",
    });
  }, 60_000);
});
