import { readFileSync, writeFileSync } from "node:fs";
import type { RequestListener } from "node:http";
import path from "node:path";

/**
 * An HTTP handler that answers each OCSP request with `openssl ocsp -reqin -respout` over an
 * issuer's index, signed by the test intermediate (openssl's own -port listener binds IPv6 only
 * here, so a node server on 127.0.0.1 hands it the requests). A failure answers HTTP 500.
 */
export function opensslOcspHandler(options: {
  dir: string;
  index: string;
  pki: { intermediatePem: string; pkiDir: string };
  run: (args: string[]) => unknown;
}): RequestListener {
  const { dir, index, pki, run } = options;
  let n = 0;
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const k = ++n;
      try {
        writeFileSync(path.join(dir, `q${k}.der`), Buffer.concat(chunks));
        run([
          "ocsp",
          "-index",
          index,
          "-rsigner",
          pki.intermediatePem,
          "-rkey",
          path.join(pki.pkiDir, "int.key"),
          "-CA",
          pki.intermediatePem,
          "-reqin",
          `q${k}.der`,
          "-respout",
          `r${k}.der`,
        ]);
        res.writeHead(200, { "content-type": "application/ocsp-response" });
        res.end(readFileSync(path.join(dir, `r${k}.der`)));
      } catch {
        res.writeHead(500);
        res.end();
      }
    });
  };
}
