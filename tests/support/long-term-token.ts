import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer, type RequestListener, type Server } from "node:http";
import path from "node:path";
import { freePort } from "./free-port.ts";
import { opensslOcspHandler } from "./openssl-ocsp-handler.ts";
import { TEST_GVCN_SUBJECT } from "./loopback-ocsp.ts";
import { makeTestIssuer, type TestPki } from "./test-issuer.ts";

/** The subject of the test token's Giám đốc (scripts/make-test-token.sh), whom the sample record names. */
export const TEST_THU_TRUONG_SUBJECT =
  "/C=VN/ST=Phú Thọ/L=Thành phố Việt Trì/O=Trung tâm GDNN-GDTX Việt Trì/title=Giám đốc/CN=Nguyễn Văn Thắng/serialNumber=CCCD:001078067890";

/** A loopback HTTP service the test can stop (a closed port: ECONNREFUSED) and start again on the same port. */
export interface LoopbackService {
  url: string;
  requests: number;
  /** Answers every request with HTTP 500 (counted) while set. */
  failing: boolean;
  /** Listens (again) on its port; a no-op while it listens. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A SoftHSM token of its own (not the run's shared test token) whose two signers carry what a
 * Vietnamese CA's certificates carry and the shared token's lack: AIA with an OCSP responder and
 * caIssuers, and a CRL distribution point, all on 127.0.0.1 services this module runs.
 * On the token, by CKA_LABEL (CKA_ID): `gvcn` (01) with the sample record's GVCN subject,
 * `thu-truong` (02) with its Giám đốc, both issued by the test intermediate, valid
 * 2024-01-01..2040-01-01; `int-ca` (10), the intermediate, as real tokens carry it, unless
 * `intermediateOnToken: false` (a token holding only the signers' own certificates, as many VNPT-CA
 * and Viettel-CA tokens do: the CA's driver puts the intermediate in the Windows store).
 * `ocsp`: `openssl ocsp` over the issuer's database (both good); `repository`: the CRL made with
 * `openssl ca -gencrl`, fixed window 2025-01-01..2039-12-31, and the intermediate (caIssuers, DER,
 * or the bytes set in `repository.caIssuersBody`).
 */
export interface LongTermToken {
  softhsm2Conf: string;
  tokenLabel: string;
  pin: string;
  modulePath: string;
  ocsp: LoopbackService;
  repository: LoopbackService & {
    crlUrl: string;
    caIssuersUrl: string;
    /** Served at caIssuersUrl instead of the intermediate's DER while set (a PEM, a PKCS#7, another certificate). */
    caIssuersBody?: Buffer | undefined;
  };
  /** Folder of the issuer's files: int.der, int.pem (the intermediate), the signers' <label>.pem. */
  dir: string;
  /** DER of a signer's certificate. */
  certDer(label: "gvcn" | "thu-truong"): Buffer;
  /** Stops both services and removes the folder (token included). */
  close(): Promise<void>;
}

function loopbackService(port: number, path_: string, handler: RequestListener): LoopbackService {
  let server: Server | undefined;
  const service: LoopbackService = {
    url: `http://127.0.0.1:${port}${path_}`,
    requests: 0,
    failing: false,
    start: () =>
      new Promise<void>((resolve, reject) => {
        if (server) return resolve();
        const s = createHttpServer((req, res) => {
          service.requests++;
          if (!service.failing) return handler(req, res);
          res.writeHead(500);
          res.end();
        });
        s.once("error", reject);
        s.listen(port, "127.0.0.1", () => resolve());
        server = s;
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        const s = server;
        server = undefined;
        if (!s) return resolve();
        s.close(() => resolve());
        s.closeAllConnections();
      }),
  };
  return service;
}

export async function makeLongTermToken(
  pki: TestPki & { modulePath: string },
  options: { tokenLabel?: string; pin?: string; intermediateOnToken?: boolean } = {},
): Promise<LongTermToken> {
  const [ocspPort, repoPort] = [await freePort(), await freePort()];
  const ocspUrl = `http://127.0.0.1:${ocspPort}/`;
  const crlUrl = `http://127.0.0.1:${repoPort}/int.crl`;
  const caIssuersUrl = `http://127.0.0.1:${repoPort}/int.cer`;
  const { dir, run, issue } = makeTestIssuer("hocba-lt-token-", pki, "5000", [
    [
      "[lt_leaf]",
      "basicConstraints=critical,CA:FALSE",
      "keyUsage=critical,digitalSignature,nonRepudiation",
      `authorityInfoAccess=OCSP;URI:${ocspUrl},caIssuers;URI:${caIssuersUrl}`,
      `crlDistributionPoints=URI:${crlUrl}`,
      "subjectKeyIdentifier=hash",
      "authorityKeyIdentifier=keyid:always",
    ].join("\n"),
  ]);
  const tokenLabel = options.tokenLabel ?? "HocBa-LT";
  const pin = options.pin ?? "246810";
  const softhsm2Conf = path.join(dir, "softhsm2.conf");
  mkdirSync(path.join(dir, "tokens"));
  writeFileSync(
    softhsm2Conf,
    `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
  );
  const env = { ...process.env, SOFTHSM2_CONF: softhsm2Conf };
  execFileSync(
    "softhsm2-util",
    ["--init-token", "--free", "--label", tokenLabel, "--pin", pin, "--so-pin", "13572468"],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  const p11 = (args: string[]) =>
    execFileSync(
      "pkcs11-tool",
      ["--module", pki.modulePath, "--token-label", tokenLabel, "--login", "--pin", pin, ...args],
      { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] },
    );
  const certs = {} as Record<"gvcn" | "thu-truong", Buffer>;
  for (const [id, label, subject] of [
    ["01", "gvcn", TEST_GVCN_SUBJECT],
    ["02", "thu-truong", TEST_THU_TRUONG_SUBJECT],
  ] as const) {
    issue(label, subject, "lt_leaf");
    run(["x509", "-in", `${label}.pem`, "-outform", "DER", "-out", `${label}.der`]);
    run(["pkey", "-in", `${label}.key`, "-outform", "DER", "-out", `${label}.key.der`]);
    run(["pkey", "-in", `${label}.key`, "-pubout", "-outform", "DER", "-out", `${label}.pub.der`]);
    p11([
      "--write-object",
      `${label}.key.der`,
      "--type",
      "privkey",
      "--id",
      id,
      "--label",
      label,
      "--usage-sign",
    ]);
    p11(["--write-object", `${label}.pub.der`, "--type", "pubkey", "--id", id, "--label", label]);
    p11(["--write-object", `${label}.der`, "--type", "cert", "--id", id, "--label", label]);
    rmSync(path.join(dir, `${label}.key.der`));
    certs[label] = readFileSync(path.join(dir, `${label}.der`));
  }
  run(["x509", "-in", pki.intermediatePem, "-outform", "DER", "-out", "int.der"]);
  run(["x509", "-in", pki.intermediatePem, "-out", "int.pem"]);
  if (options.intermediateOnToken !== false) {
    p11(["--write-object", "int.der", "--type", "cert", "--id", "10", "--label", "int-ca"]);
  }
  // Both signers are in the issuer's database as valid: the CRL lists nobody, OCSP says good.
  run([
    "ca",
    "-config",
    "ca.cnf",
    "-gencrl",
    "-cert",
    pki.intermediatePem,
    "-keyfile",
    path.join(pki.pkiDir, "int.key"),
    "-crl_lastupdate",
    "20250101000000Z",
    "-crl_nextupdate",
    "20391231000000Z",
    "-out",
    "int.crl.pem",
  ]);
  run(["crl", "-in", "int.crl.pem", "-outform", "DER", "-out", "int.crl"]);

  const ocsp = loopbackService(ocspPort, "/", opensslOcspHandler({ dir, index: "ca-db.txt", pki, run }));
  const files: Record<string, [string, string]> = {
    "/int.crl": ["int.crl", "application/pkix-crl"],
    "/int.cer": ["int.der", "application/pkix-cert"],
  };
  const repo = loopbackService(repoPort, "/", (req, res) => {
    const file = files[req.url ?? ""];
    if (!file) {
      res.writeHead(404);
      res.end();
      return;
    }
    const body = req.url === "/int.cer" ? repository.caIssuersBody : undefined;
    res.writeHead(200, { "content-type": file[1] });
    res.end(body ?? readFileSync(path.join(dir, file[0])));
  });
  const repository: LongTermToken["repository"] = Object.assign(repo, { crlUrl, caIssuersUrl });
  await Promise.all([ocsp.start(), repository.start()]);
  return {
    softhsm2Conf,
    dir,
    tokenLabel,
    pin,
    modulePath: pki.modulePath,
    ocsp,
    repository,
    certDer: (label) => certs[label],
    close: async () => {
      await Promise.all([ocsp.stop(), repository.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
