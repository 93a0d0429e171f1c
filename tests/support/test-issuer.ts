import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The test PKI of scripts/make-test-token.sh: its intermediate signs what the loopback services need. */
export interface TestPki {
  intermediatePem: string;
  pkiDir: string;
}

export interface TestIssuer {
  /** The temp folder holding the CA database, the keys and the certificates it issued. */
  dir: string;
  /** Runs openssl in `dir`. */
  run: (args: string[]) => Buffer;
  /**
   * Makes a key `<name>.key` and has the test intermediate certify it as `<name>.pem`, with the
   * `[section]` of extensions given to makeTestIssuer, valid 2024-01-01..2040-01-01 (fixed, never
   * "from today": the tests must pass on any day). Returns the PEM's path.
   */
  issue: (name: string, subject: string, section: string) => string;
}

/**
 * An `openssl ca` working folder over the test intermediate, for tests that run a service of their
 * own (TSA, OCSP responder). `extensions` are whole `[section]` blocks for `issue`.
 */
export function makeTestIssuer(
  prefix: string,
  pki: TestPki,
  serial: string,
  extensions: string[],
): TestIssuer {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const run = (args: string[]) =>
    execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(path.join(dir, "ca-db.txt"), "");
  writeFileSync(path.join(dir, "serial"), `${serial}\n`);
  writeFileSync(
    path.join(dir, "ca.cnf"),
    [
      "[ca]",
      "default_ca=tca",
      "[tca]",
      `database=${dir}/ca-db.txt`,
      `serial=${dir}/serial`,
      `new_certs_dir=${dir}`,
      "default_md=sha256",
      "policy=pany",
      "unique_subject=no",
      "[pany]",
      "commonName=supplied",
      ...extensions,
      "",
    ].join("\n"),
  );
  const issue = (name: string, subject: string, section: string): string => {
    run(
      [
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
      ].concat(["-utf8", "-subj", subject]),
    );
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
      `${name}.csr`,
      "-out",
      `${name}.pem`,
      "-startdate",
      "20240101000000Z",
      "-enddate",
      "20400101000000Z",
      "-extensions",
      section,
      "-extfile",
      "ca.cnf",
    ]);
    return path.join(dir, `${name}.pem`);
  };
  return { dir, run, issue };
}
