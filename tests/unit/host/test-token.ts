import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CLI, REPO } from "./host-process.ts";
import { makeTestTokenIn } from "../../support/make-test-token.ts";
import { scratchDir } from "./scratch-dir.ts";

export interface TestToken {
  dir: string;
  /** Environment for a helper that sees the token and trusts the test root. */
  env: NodeJS.ProcessEnv;
  label: string;
  pin: string;
}

/** A fresh SoftHSM token (scripts/make-test-token.sh) in its own folder: real PKCS#11, no global state. */
export function makeTestToken(): TestToken {
  const dir = scratchDir("hocba-token");
  const token = makeTestTokenIn(dir);
  return {
    dir,
    label: token.tokenLabel,
    pin: token.pin,
    env: {
      PATH: process.env.PATH,
      LANG: "C.UTF-8",
      SOFTHSM2_CONF: token.softhsm2Conf,
      HOCBA_TRUST_ROOTS: path.join(dir, "root.pem"),
    },
  };
}

/** Unsigned học bạ documents of a real class (42 learners), built by `hocba build` from the GDTX fixture. */
export function buildDocuments(): { fileName: string; xml: string }[] {
  const dir = scratchDir("hocba-docs");
  execFileSync(
    process.execPath,
    [CLI, "build", path.join(REPO, "tests/fixtures/gradebook-gdtx-10.json"), "--out", dir],
    {
      stdio: "ignore",
    },
  );
  return readdirSync(dir)
    .sort()
    .map((fileName) => ({ fileName, xml: readFileSync(path.join(dir, fileName), "utf8") }));
}
