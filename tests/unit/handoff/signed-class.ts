import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { signPastAuthority } from "../../support/sign-past-authority.ts";
import type { TestToken } from "../../support/test-token.ts";

/** One learner's document after each signing step, signed on the SoftHSM test token. */
export interface SignedLearner {
  name: string;
  unsigned: Uint8Array;
  gvcn: Buffer;
  thuTruong: Buffer;
  donVi: Buffer;
}

export interface SignedClass {
  learners: SignedLearner[];
  /** GVCN-signed by a certificate that chains to no trusted root (the record's GVCN name). */
  untrusted: (doc: Uint8Array) => Promise<Buffer>;
  /** GVCN-signed with the head's trusted certificate: a wrongly-signed (authority) document. */
  wrongAuthority: (doc: Uint8Array) => Promise<Buffer>;
  session: TokenSession;
}

/** `count` learners of the fixture class, each signed GVCN → ThuTruong → DonVi (real token). */
export async function signClass(tok: TestToken, count: number): Promise<SignedClass> {
  const session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  const signer = (cert: string): TokenSigner => session.selectSigner({ cert });
  const [gvcn, thuTruong, donVi] = [signer("gvcn"), signer("thu-truong"), signer("don-vi")];
  const learners: SignedLearner[] = [];
  for (const d of sampleDocuments(count)) {
    const g = await signHocBa(gvcn, d.bytes, "GVCN");
    const t = await signHocBa(thuTruong, g, "ThuTruong");
    const u = await signHocBa(donVi, t, "DonVi");
    learners.push({ name: d.name, unsigned: d.bytes, gvcn: g, thuTruong: t, donVi: u });
  }
  return {
    learners,
    untrusted: (doc) => signPastAuthority(signer("khong-tin-cay"), doc, "GVCN"),
    wrongAuthority: (doc) => signPastAuthority(thuTruong, doc, "GVCN"),
    session,
  };
}
