import { execFileSync } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { freePort } from "./free-port.ts";
import { opensslOcspHandler } from "./openssl-ocsp-handler.ts";
import { makeTestIssuer } from "./test-issuer.ts";

/**
 * An OCSP responder on 127.0.0.1 for tests (`openssl ocsp -index -port`, signed by the test
 * intermediate itself), and signer certificates issued by that intermediate with fixed validity
 * dates whose AIA names it: `good`, `revoked` (revoked on 2025-03-01, written into the index as
 * such), `unreachable` (AIA pointing at a closed port), and `gvcn` (good, with the test token's
 * GVCN subject, so it may sign the sample record's GVCN role; its key in `keyPem("gvcn")`). Made
 * in its own temp folder.
 */
export interface LoopbackOcsp {
  url: string;
  /** DER of the issuing intermediate and of each certificate. */
  issuerDer: Buffer;
  certs: Record<OcspCertName, Buffer>;
  /** Path of the PEM private key of a certificate. */
  keyPem(name: OcspCertName): string;
  /** From now on the responder answers that `name` was revoked at `at` (e.g. "250301000000Z"); undefined: good again. */
  setRevoked(name: "gvcn", at: string | undefined): void;
  close(): Promise<void>;
}

type OcspCertName = "good" | "revoked" | "unreachable" | "gvcn";

/** The subject of the test token's GVCN (scripts/make-test-token.sh), whom the sample record names. */
export const TEST_GVCN_SUBJECT =
  "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=Trung tâm GDNN-GDTX Việt Trì/title=Giáo viên/CN=Trần Thị Thu Hằng/serialNumber=CCCD:001190012345";

export async function startLoopbackOcsp(pki: {
  intermediatePem: string;
  pkiDir: string;
}): Promise<LoopbackOcsp> {
  const port = await freePort();
  const deadPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const ext = (name: string, ocsp: string) =>
    [
      `[${name}]`,
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,nonRepudiation",
      `authorityInfoAccess=OCSP;URI:${ocsp}`,
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid:always",
    ].join("\n");
  const { dir, run, issue } = makeTestIssuer("hocba-ocsp-", pki, "3000", [
    ext("live", url),
    ext("dead", `http://127.0.0.1:${deadPort}`),
  ]);
  const certs = {} as Record<OcspCertName, Buffer>;
  const serials: Record<string, string> = {};
  for (const name of ["good", "revoked", "unreachable", "gvcn"] as const) {
    const subject = name === "gvcn" ? TEST_GVCN_SUBJECT : `/C=VN/CN=Thu hoi ${name}`;
    issue(name, subject, name === "unreachable" ? "dead" : "live");
    certs[name] = execFileSync("openssl", ["x509", "-in", path.join(dir, `${name}.pem`), "-outform", "DER"]);
    serials[name] = execFileSync(
      "openssl",
      ["x509", "-in", path.join(dir, `${name}.pem`), "-noout", "-serial"],
      {
        encoding: "utf8",
      },
    )
      .trim()
      .replace(/^serial=/, "");
  }
  // The index the responder reads, written out with an explicit revocation date.
  const writeIndex = (gvcnRevokedAt: string | undefined) =>
    writeFileSync(
      path.join(dir, "index.txt"),
      [
        `V\t400101000000Z\t\t${serials.good}\tunknown\t/C=VN/CN=Thu hoi good`,
        gvcnRevokedAt
          ? `R\t400101000000Z\t${gvcnRevokedAt},keyCompromise\t${serials.gvcn}\tunknown\t/C=VN/CN=Tran Thi Thu Hang`
          : `V\t400101000000Z\t\t${serials.gvcn}\tunknown\t/C=VN/CN=Tran Thi Thu Hang`,
        `R\t400101000000Z\t250301000000Z,keyCompromise\t${serials.revoked}\tunknown\t/C=VN/CN=Thu hoi revoked`,
        "",
      ].join("\n"),
    );
  writeIndex(undefined);
  const server = createHttpServer(opensslOcspHandler({ dir, index: "index.txt", pki, run }));
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  return {
    url,
    issuerDer: execFileSync("openssl", ["x509", "-in", pki.intermediatePem, "-outform", "DER"]),
    certs,
    keyPem: (name) => path.join(dir, `${name}.key`),
    setRevoked: (_name, at) => writeIndex(at),
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
