import { createHash, X509Certificate } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import * as pkijs from "pkijs";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../fs/fs-error-detail.ts";
import { helperFile } from "../helper-files.ts";

/**
 * The roots shipped with the helper (NEAC, VGCA... once IT adds them; see its README), and the
 * intermediates IT places beside them for tokens that do not carry theirs.
 */
export const DEFAULT_TRUST_STORE_DIR = helperFile("native-host/trust-store/", "trust-store/");

export interface TrustOptions {
  /**
   * Root certificates: PEM text (one or several) or DER bytes. Here, in the files and in the folder,
   * only self-signed certificates are anchors; any other is an untrusted candidate for building a
   * path (an intermediate), never trusted by being there.
   */
  trustRoots?: ReadonlyArray<string | Uint8Array>;
  /** Files holding PEM or DER roots (CLI --trust). */
  trustRootFiles?: readonly string[];
  /** A folder of *.pem / *.crt / *.cer roots; default DEFAULT_TRUST_STORE_DIR; null for none. */
  trustStoreDir?: string | null;
}

/** Why a certificate does or does not chain to a trusted root. */
export type ChainOutcome =
  | {
      trusted: true;
      /** leaf first, root last */
      path: pkijs.Certificate[];
      /** Given intermediates that are not on the path (DER), in the order given. */
      unused: Uint8Array[];
    }
  | { trusted: false; reason: string };

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/g;

/** Every certificate in a PEM text or a DER buffer. */
export function certificatesFrom(input: string | Uint8Array): Buffer[] {
  const text = typeof input === "string" ? input : Buffer.from(input).toString("latin1");
  if (text.includes("-----BEGIN CERTIFICATE-----")) {
    return [...text.matchAll(PEM_BLOCK)].map((m) => Buffer.from((m[1] ?? "").replace(/\s/g, ""), "base64"));
  }
  if (typeof input === "string") return [];
  return [Buffer.from(input)];
}

function sameBytes(a: Uint8Array, b: Uint8Array | undefined): boolean {
  return b !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

/**
 * pkijs checks CA flags and key usage on the path but not basicConstraints' pathLenConstraint
 * (RFC 5280 6.1.4 (m)): a CA limited to issuing end-entity certificates must not be able to
 * create a sub-CA whose signers we would trust. Returns a Vietnamese reason, or undefined.
 */
function pathLengthViolation(path: readonly pkijs.Certificate[]): string | undefined {
  const selfIssued = (c: pkijs.Certificate) => c.subject.isEqual(c.issuer);
  for (let k = 1; k < path.length; k++) {
    const ca = path[k];
    const bc = ca?.extensions?.find((e) => e.extnID === "2.5.29.19")?.parsedValue as
      pkijs.BasicConstraints | undefined;
    const limit = bc?.pathLenConstraint;
    if (!ca || limit === undefined) continue;
    const max = typeof limit === "number" ? limit : limit.valueBlock.valueDec;
    // CA certificates between this one and the signer's, self-issued ones not counted.
    const below = path.slice(1, k).filter((c) => !selfIssued(c)).length;
    if (below > max) {
      const cn = ca.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
      const name = (cn?.value as { valueBlock?: { value?: string } } | undefined)?.valueBlock?.value ?? "CA";
      return `chứng thư ${name} chỉ được cấp tối đa ${max} cấp CA trung gian bên dưới (pathLenConstraint), chuỗi có ${below}`;
    }
  }
  return undefined;
}

/** Self-signed: its own issuer, and its signature verifies with its own key (a root, not an intermediate). */
function isSelfSigned(der: Buffer): boolean {
  const x = new X509Certificate(der);
  try {
    return x.checkIssued(x) && x.verify(x.publicKey);
  } catch {
    return false;
  }
}

function sha256hex(b: Uint8Array): string {
  return createHash("sha256").update(b).digest("hex");
}

/**
 * The trusted roots, and a cache of chain building: a batch of documents signed by the same
 * people builds each chain once. Time validity is checked per signature by the caller, on `path`.
 */
export class TrustAnchors {
  private readonly roots: pkijs.Certificate[];
  private readonly others: pkijs.Certificate[];
  private readonly cache = new Map<string, Promise<ChainOutcome>>();

  private constructor(
    readonly rootDers: readonly Buffer[],
    /**
     * The certificates given that are not self-signed (intermediates IT placed in the folder):
     * candidates for building a path, as a signature's KeyInfo is, never anchors.
     */
    readonly intermediateDers: readonly Buffer[],
    /** Where the roots came from (files, "--trust"), for reports. */
    readonly sources: readonly string[],
  ) {
    this.roots = rootDers.map((d) => pkijs.Certificate.fromBER(new Uint8Array(d)));
    this.others = intermediateDers.map((d) => pkijs.Certificate.fromBER(new Uint8Array(d)));
  }

  /** Loads roots from the options. Throws VERIFY_TRUST_ROOT_UNREADABLE for a bad root file. */
  static load(options: TrustOptions = {}): TrustAnchors {
    const ders: Buffer[] = [];
    const sources: string[] = [];
    const add = (input: string | Uint8Array, source: string) => {
      const certs = certificatesFrom(input);
      if (certs.length === 0) throw new Error("không có chứng thư số X.509 nào");
      for (const der of certs) {
        new X509Certificate(der); // throws on garbage, before pkijs sees it
        if (!ders.some((d) => d.equals(der))) ders.push(der);
      }
      sources.push(source);
    };
    const addFile = (file: string) => {
      try {
        add(readFileSync(file), file);
      } catch (err) {
        // An errno in Vietnamese; anything else is a file that is there but holds no certificate.
        const code = (err as NodeJS.ErrnoException).code;
        const isErrno = typeof code === "string" && !code.startsWith("ERR_");
        const detail =
          isErrno || (err instanceof Error && err.message.startsWith("không"))
            ? fsErrorDetail(err)
            : "không phải chứng thư số X.509 (PEM hoặc DER)";
        throw new HocBaError("VERIFY_TRUST_ROOT_UNREADABLE", { file, detail }, { cause: err });
      }
    };
    const dir = options.trustStoreDir === undefined ? DEFAULT_TRUST_STORE_DIR : options.trustStoreDir;
    if (dir !== null) {
      let names: string[] = [];
      try {
        names = readdirSync(dir).filter((n) => /\.(pem|crt|cer)$/i.test(n));
      } catch {
        names = [];
      }
      for (const n of names.sort()) addFile(path.join(dir, n));
    }
    for (const f of options.trustRootFiles ?? []) addFile(f);
    (options.trustRoots ?? []).forEach((r, i) => {
      try {
        add(r, `trustRoots[${i}]`);
      } catch (err) {
        throw new HocBaError(
          "VERIFY_TRUST_ROOT_UNREADABLE",
          { file: `trustRoots[${i}]`, detail: err instanceof Error ? err.message : String(err) },
          { cause: err },
        );
      }
    });
    const roots = ders.filter(isSelfSigned);
    return new TrustAnchors(
      roots,
      ders.filter((d) => !roots.includes(d)),
      sources,
    );
  }

  get empty(): boolean {
    return this.roots.length === 0;
  }

  /**
   * Builds and checks the path from `leaf` (with the given intermediates) to a trusted root:
   * signatures, names, CA flags. Dates are checked at a moment inside the leaf's validity, so that
   * "not trusted" and "not valid at SigningTime" stay separate findings.
   */
  chain(leaf: Uint8Array, intermediates: readonly Uint8Array[]): Promise<ChainOutcome> {
    const key = [leaf, ...intermediates].map(sha256hex).join(":");
    let outcome = this.cache.get(key);
    if (!outcome) {
      outcome = this.build(leaf, intermediates);
      this.cache.set(key, outcome);
    }
    return outcome;
  }

  private async build(leafDer: Uint8Array, intermediates: readonly Uint8Array[]): Promise<ChainOutcome> {
    if (this.roots.length === 0) return { trusted: false, reason: "no trusted roots" };
    try {
      const leaf = pkijs.Certificate.fromBER(new Uint8Array(leafDer));
      const others = intermediates.map((d) => pkijs.Certificate.fromBER(new Uint8Array(d)));
      const nb = leaf.notBefore.value.getTime();
      const na = leaf.notAfter.value.getTime();
      const engine = new pkijs.CertificateChainValidationEngine({
        trustedCerts: this.roots,
        // pkijs takes the last certificate as the one to validate. The folder's intermediates
        // come after the given ones: only what the path needs of them is used.
        certs: [...others, ...this.others, leaf],
        checkDate: new Date(Math.min(Math.max(Date.now(), nb), na)),
      });
      const r = await engine.verify();
      if (r.result && r.certificatePath) {
        const path = r.certificatePath;
        const tooLong = pathLengthViolation(path);
        if (tooLong) return { trusted: false, reason: tooLong };
        const unused = intermediates.filter(
          (_, i) => !path.some((p) => sameBytes(p.tbsView, others[i]?.tbsView)),
        );
        return { trusted: true, path, unused };
      }
      return { trusted: false, reason: r.resultMessage || `pkijs code ${r.resultCode}` };
    } catch (err) {
      const reason =
        typeof err === "object" && err !== null && "resultMessage" in err
          ? String(err.resultMessage)
          : err instanceof Error
            ? err.message
            : String(err);
      return { trusted: false, reason };
    }
  }
}
