import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

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
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-tsa-"));
  const run = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(path.join(dir, "index.txt"), "");
  writeFileSync(path.join(dir, "serial"), "2000\n");
  writeFileSync(path.join(dir, "tsaserial"), "01\n");
  writeFileSync(
    path.join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca=tca",
      "[tca]",
      `database=${dir}/index.txt`,
      `serial=${dir}/serial`,
      `new_certs_dir=${dir}`,
      "default_md=sha256",
      "policy=pany",
      "unique_subject=no",
      "[pany]",
      "commonName=supplied",
      "[tsa_ext]",
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature",
      "extendedKeyUsage=critical,timeStamping",
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid:always",
      "",
    ].join("\n"),
  );
  run([
    "req",
    "-new",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    "tsa.key",
    "-out",
    "tsa.csr",
    "-subj",
    "/C=VN/O=Test TSA/CN=TSA thu nghiem",
  ]);
  run([
    "ca",
    "-config",
    "ca.cnf",
    "-batch",
    "-notext",
    "-cert",
    pki.intermediatePem,
    "-keyfile",
    path.join(pki.pkiDir, "int.key"),
    "-in",
    "tsa.csr",
    "-out",
    "tsa.pem",
    "-startdate",
    "20240101000000Z",
    "-enddate",
    "20400101000000Z",
    "-extensions",
    "tsa_ext",
    "-extfile",
    "ca.cnf",
  ]);
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
