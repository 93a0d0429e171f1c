import { strToU8, zipSync, type Zippable } from "fflate";
import { HocBaError } from "../errors/hocba-error.ts";
import { SIGNING_ROLES } from "../xml/hocbaso-v1/signature-profile.ts";
import {
  BUOC_OF_ROLE,
  HANDOFF_FORMAT,
  HANDOFF_FORMAT_VERSION,
  HandoffFileName,
  HandoffManifest,
  ROLE_OF_BUOC,
  type HandoffBuoc,
  type HandoffDocument,
  type HandoffRoleSigned,
} from "./handoff-manifest.ts";
import { handoffPackageName } from "./handoff-package-name.ts";
import { readHandoffDocument, type HandoffDocumentFacts } from "./read-handoff-document.ts";
import { sha256Hex } from "./sha256-hex.ts";
import { formatSha256Sums } from "./sha256-sums.ts";

export const MANIFEST_NAME = "manifest.json";
export const SUMS_NAME = "SHA256SUMS";

export interface HandoffInputDocument {
  fileName: string;
  /** The signed document, exactly as signed. */
  bytes: Uint8Array;
  /** Who signed each role and when (the caller has it from signing or from its verifier). */
  roles: HandoffRoleSigned[];
}

export interface BuiltHandoffPackage {
  /** `<Lop>_<NamHoc>_<Buoc>.hocba.zip` */
  fileName: string;
  /** The zip. */
  bytes: Uint8Array;
  manifest: HandoffManifest;
}

/**
 * Builds a hand-off package: the signed XML files, manifest.json and SHA256SUMS in one flat zip.
 * Pure (browser and Node): the same documents and time give the same bytes. The documents must be
 * of one class, year and institution, each signed in the step's role (`buoc`, by default the last
 * role every document has). Throws HocBaError HANDOFF_* naming the file otherwise.
 */
export function buildHandoffPackage(input: {
  documents: HandoffInputDocument[];
  buoc?: HandoffBuoc;
  createdAt: Date | string;
}): BuiltHandoffPackage {
  const { documents } = input;
  const first = documents[0];
  if (!first) throw new HocBaError("HANDOFF_NO_FILES");
  const seen = new Set<string>();
  const facts: HandoffDocumentFacts[] = [];
  for (const doc of documents) {
    if (!HandoffFileName.safeParse(doc.fileName).success) {
      throw new HocBaError("HANDOFF_ZIP_UNSAFE_NAME", { file: "?", name: doc.fileName });
    }
    const key = doc.fileName.normalize("NFC").toLowerCase();
    if (seen.has(key)) throw new HocBaError("HANDOFF_DUPLICATE_FILE", { name: doc.fileName });
    seen.add(key);
    facts.push(readHandoffDocument(doc.fileName, doc.bytes));
  }
  const head = facts[0] as HandoffDocumentFacts;
  for (const [i, f] of facts.entries()) {
    const name = documents[i]?.fileName ?? "?";
    for (const field of ["maTruong", "namHoc", "lop"] as const) {
      if (f[field] !== head[field]) {
        throw new HocBaError("HANDOFF_MIXED_CLASSES", {
          name,
          detail: `${field} «${f[field]}» ≠ «${head[field]}»`,
        });
      }
    }
  }
  const signedCount = Math.min(...facts.map((f) => f.roles.length));
  const buoc = input.buoc ?? BUOC_OF_ROLE[SIGNING_ROLES[Math.max(0, signedCount - 1)] ?? "GVCN"];
  const stepRole = ROLE_OF_BUOC[buoc];
  const manifestDocuments: HandoffDocument[] = documents.map((doc, i) => {
    const f = facts[i] as HandoffDocumentFacts;
    if (!f.roles.includes(stepRole)) {
      throw new HocBaError("HANDOFF_NOT_SIGNED_FOR_STEP", { name: doc.fileName, role: stepRole, buoc });
    }
    return {
      fileName: doc.fileName,
      sha256: sha256Hex(doc.bytes),
      size: doc.bytes.length,
      maHocVien: f.maHocVien,
      hoTen: f.hoTen,
      idBanGhi: f.idBanGhi,
      phienBan: f.phienBan,
      roles: f.roles.map((role) => {
        const given = doc.roles.find((r) => r.role === role);
        return { role, signer: given?.signer ?? "", signingTime: given?.signingTime ?? "" };
      }),
    };
  });
  const createdAt = typeof input.createdAt === "string" ? input.createdAt : input.createdAt.toISOString();
  const manifest = HandoffManifest.parse({
    format: HANDOFF_FORMAT,
    formatVersion: HANDOFF_FORMAT_VERSION,
    createdAt,
    buoc,
    institution: { maTruong: head.maTruong, tenTruong: head.tenTruong },
    lop: head.lop,
    namHoc: head.namHoc,
    documents: manifestDocuments,
  });
  const manifestBytes = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
  const sums = formatSha256Sums([
    ...manifestDocuments.map((d) => ({ name: d.fileName, sha256: d.sha256 })),
    { name: MANIFEST_NAME, sha256: sha256Hex(manifestBytes) },
  ]);
  const mtime = new Date(createdAt);
  const tree: Zippable = {
    [MANIFEST_NAME]: [manifestBytes, { mtime }],
    [SUMS_NAME]: [strToU8(sums), { mtime }],
  };
  for (const doc of documents) tree[doc.fileName] = [doc.bytes, { mtime }];
  return {
    fileName: handoffPackageName(head.lop, head.namHoc, buoc),
    bytes: zipSync(tree, { level: 6 }),
    manifest,
  };
}
