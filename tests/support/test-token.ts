import path from "node:path";
import { inject } from "vitest";

/** Where the SoftHSM test token of this run lives (made once by tests/support/global-setup.ts). */
export interface TestTokenEnv {
  /** SOFTHSM2_CONF of the private token store. */
  softhsm2Conf: string;
  /** Folder with root.pem, int.pem, untrusted-root.pem, <cert label>.pem and mock/signer.{key,pem}. */
  pkiDir: string;
  tokenLabel: string;
  pin: string;
  modulePath: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    testToken: TestTokenEnv;
  }
}

/** Labels of the certificates (and keys) on the test token; see scripts/make-test-token.sh. */
export type TestCertLabel =
  | "gvcn"
  | "thu-truong"
  | "don-vi"
  | "ec-gvcn"
  | "het-han"
  | "khong-tin-cay"
  | "sai-muc-dich"
  | "int-ca"
  | "pho-giam-doc"
  | "giam-doc-khong-dau"
  | "nguoi-khac"
  | "don-vi-khac"
  | "thpt-gvcn"
  | "thpt-hieu-truong";

export interface TestToken extends TestTokenEnv {
  /** The trusted test root. */
  rootPem: string;
  intermediatePem: string;
  untrustedRootPem: string;
  /** PEM file of a certificate on the token. */
  certPem(label: TestCertLabel): string;
  /** Environment for a child process (CLI, native host) that must reach the token. */
  env: NodeJS.ProcessEnv;
}

/**
 * The test token, with SOFTHSM2_CONF set in this process (PKCS#11 reads it at C_Initialize).
 * Call it at the top of a test file or in beforeAll.
 */
export function useTestToken(): TestToken {
  const t = inject("testToken");
  process.env.SOFTHSM2_CONF = t.softhsm2Conf;
  return {
    ...t,
    rootPem: path.join(t.pkiDir, "root.pem"),
    intermediatePem: path.join(t.pkiDir, "int.pem"),
    untrustedRootPem: path.join(t.pkiDir, "untrusted-root.pem"),
    certPem: (label) => path.join(t.pkiDir, `${label}.pem`),
    env: { ...process.env, SOFTHSM2_CONF: t.softhsm2Conf },
  };
}
