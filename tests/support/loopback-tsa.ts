import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { makeTestIssuer } from "./test-issuer.ts";

/**
 * An RFC 3161 timestamp authority on 127.0.0.1 for tests: a small HTTP server that hands each
 * query to `openssl ts -reply`, with a TSA certificate issued by the test intermediate
 * (extendedKeyUsage critical timeStamping) with fixed validity dates, made in its own temp folder.
 * `mode` "wrong-imprint" answers every query with a token over other data.
 */
export interface LoopbackTsa {
  url: string;
  /** PEM of the TSA certificate. */
  certPem: string;
  requests: number;
  mode: "ok" | "wrong-imprint";
  close(): Promise<void>;
}

export async function startLoopbackTsa(pki: {
  intermediatePem: string;
  pkiDir: string;
}): Promise<LoopbackTsa> {
  const { dir, run, issue } = makeTestIssuer("hocba-tsa-", pki, "2000", [
    [
      "[tsa_ext]",
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=critical,timeStamping",
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid:always",
    ].join("\n"),
  ]);
  writeFileSync(path.join(dir, "tsaserial"), "01\n");
  issue("tsa", "/C=VN/O=Test TSA/CN=TSA thu nghiem", "tsa_ext");
  writeFileSync(
    path.join(dir, "ts.cnf"),
    [
      "[tsa]",
      "default_tsa=tsa1",
      "[tsa1]",
      `serial=${dir}/tsaserial`,
      "crypto_device=builtin",
      `signer_cert=${dir}/tsa.pem`,
      `certs=${pki.intermediatePem}`,
      `signer_key=${dir}/tsa.key`,
      "signer_digest=sha256",
      "default_policy=1.3.6.1.4.1.99999.1",
      "digests=sha256",
      "accuracy=secs:1",
      "ordering=no",
      "tsa_name=no",
      "ess_cert_id_chain=no",
      "ess_cert_id_alg=sha256",
      "",
    ].join("\n"),
  );
  let n = 0;
  const tsa: LoopbackTsa = {
    url: "",
    certPem: path.join(dir, "tsa.pem"),
    requests: 0,
    mode: "ok",
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => (rmSync(dir, { recursive: true, force: true }), resolve())),
      ),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      tsa.requests++;
      const k = ++n;
      const query = path.join(dir, `q${k}.tsq`);
      const reply = path.join(dir, `r${k}.tsr`);
      try {
        if (tsa.mode === "wrong-imprint") {
          run(["ts", "-query", "-digest", "00".repeat(32), "-sha256", "-cert", "-out", query]);
        } else writeFileSync(query, Buffer.concat(chunks));
        run(["ts", "-reply", "-config", "ts.cnf", "-queryfile", query, "-out", reply]);
        res.writeHead(200, { "content-type": "application/timestamp-reply" });
        res.end(readFileSync(reply));
      } catch {
        res.writeHead(500);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  tsa.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  return tsa;
}
