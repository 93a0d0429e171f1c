import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import path from "node:path";
import { freePort } from "./free-port.ts";
import { makeTestIssuer, type TestPki } from "./test-issuer.ts";
import { TEST_GVCN_SUBJECT } from "./loopback-ocsp.ts";

type CrlCertName = "gvcn" | "revoked" | "fallback";

/**
 * A CRL served on 127.0.0.1 for tests, made with `openssl ca -gencrl` over the test intermediate,
 * and certificates whose CRL distribution point names it: `gvcn` (the test token's GVCN subject,
 * good), `revoked` (listed, revoked on 2025-03-01), `fallback` (an OCSP address on a closed port,
 * and the CDP). The CRL's window is fixed: 2025-01-01 .. 2039-12-31. `mode` serves instead a stale
 * CRL (nextUpdate 2025-02-01) or one signed by another key under the intermediate's name.
 */
export interface LoopbackCrl {
  url: string;
  issuerDer: Buffer;
  certs: Record<CrlCertName, Buffer>;
  keyPem(name: CrlCertName): string;
  mode: "ok" | "stale" | "wrong-key";
  requests: number;
  close(): Promise<void>;
}

export async function startLoopbackCrl(pki: TestPki): Promise<LoopbackCrl> {
  const port = await freePort();
  const deadPort = await freePort();
  const url = `http://127.0.0.1:${port}/ca.crl`;
  const ext = (name: string, extra: string[]) =>
    [
      `[${name}]`,
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,nonRepudiation",
      `crlDistributionPoints=URI:${url}`,
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid:always",
      ...extra,
    ].join("\n");
  const { dir, run, issue } = makeTestIssuer("hocba-crl-", pki, "4000", [
    ext("cdp", []),
    ext("both", [`authorityInfoAccess=OCSP;URI:http://127.0.0.1:${deadPort}`]),
  ]);
  const certs = {} as Record<CrlCertName, Buffer>;
  const serials = {} as Record<CrlCertName, string>;
  for (const name of ["gvcn", "revoked", "fallback"] as const) {
    const pem = issue(
      name,
      name === "gvcn" ? TEST_GVCN_SUBJECT : `/C=VN/CN=CRL ${name}`,
      name === "fallback" ? "both" : "cdp",
    );
    certs[name] = execFileSync("openssl", ["x509", "-in", pem, "-outform", "DER"]);
    serials[name] = execFileSync("openssl", ["x509", "-in", pem, "-noout", "-serial"], { encoding: "utf8" })
      .trim()
      .replace(/^serial=/, "");
  }
  // The CA database `openssl ca -gencrl` lists, with an explicit revocation date.
  writeFileSync(
    path.join(dir, "ca-db.txt"),
    [
      `V\t400101000000Z\t\t${serials.gvcn}\tunknown\t/CN=CRL gvcn`,
      `R\t400101000000Z\t250301000000Z,keyCompromise\t${serials.revoked}\tunknown\t/CN=CRL revoked`,
      `V\t400101000000Z\t\t${serials.fallback}\tunknown\t/CN=CRL fallback`,
      "",
    ].join("\n"),
  );
  const gencrl = (out: string, next: string, cert: string, key: string) => {
    run([
      "ca",
      "-config",
      "ca.cnf",
      "-gencrl",
      "-cert",
      cert,
      "-keyfile",
      key,
      "-crl_lastupdate",
      "20250101000000Z",
      "-crl_nextupdate",
      next,
      "-out",
      `${out}.pem`,
    ]);
    // Served as DER, as CAs publish them.
    run(["crl", "-in", `${out}.pem`, "-outform", "DER", "-out", out]);
  };
  const intKey = path.join(pki.pkiDir, "int.key");
  gencrl("ok.crl", "20391231000000Z", pki.intermediatePem, intKey);
  gencrl("stale.crl", "20250201000000Z", pki.intermediatePem, intKey);
  // Another key under the intermediate's very name: the CRL reads as the CA's, its signature is not.
  const subject = "/C=VN/O=HocBa Test PKI/CN=HocBa Test Issuing CA"; // scripts/make-test-token.sh
  run([
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "fake.key",
    "-out",
    "fake.pem",
    "-days",
    "1",
    "-utf8",
    "-subj",
    subject,
  ]);
  gencrl("wrong-key.crl", "20391231000000Z", "fake.pem", "fake.key");
  const crl: LoopbackCrl = {
    url,
    issuerDer: execFileSync("openssl", ["x509", "-in", pki.intermediatePem, "-outform", "DER"]),
    certs,
    keyPem: (name) => path.join(dir, `${name}.key`),
    mode: "ok",
    requests: 0,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
  const server = createHttpServer((req, res) => {
    crl.requests++;
    if (req.url !== "/ca.crl") {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": "application/pkix-crl" });
    res.end(readFileSync(path.join(dir, `${crl.mode}.crl`)));
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return crl;
}
