import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/index.ts";
import { fixtureGradebook } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { signPastAuthority } from "../../support/sign-past-authority.ts";
import { useTestToken } from "../../support/test-token.ts";
import { openTokenSession } from "../../../native-host/token/token-session.ts";
import type { Reply } from "./host-process.ts";
import { useHostHarness } from "./host-harness.ts";
import { scratchDir } from "./scratch-dir.ts";

/**
 * Signer authority end to end, in the helper process and the CLI on a token of this file: a
 * certificate of someone the record does not name for the role is refused before the login (a
 * wrong PIN is never tried), document by document, with both persons named.
 */
const harness = useHostHarness({
  afterEnd(h) {
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, signRequest } = harness;

/** A document of another class of the same centre, whose homeroom teacher is Phạm Thị Hương. */
function otherClassDocument(): { fileName: string; xml: string } {
  const gb = fixtureGradebook();
  const learner = gb.learners[1];
  if (!learner) throw new Error("no learner");
  const built = createHocBaBuilder({ ...gb, lop: "10A2", gvcn: "Phạm Thị Hương" })({
    ...learner,
    hocVien: { ...learner.hocVien, maHocVien: "2507519999" },
    banGhi: undefined,
  });
  return { fileName: built.fileName, xml: new TextDecoder().decode(built.bytes) };
}

function authorityOf(stdout: string): unknown {
  const report = (JSON.parse(stdout) as { files: { signatures: { authority?: unknown }[] }[] }).files[0];
  return report?.signatures[0]?.authority;
}

const errorOf = (r: Reply) => r.error as { code: string; message: string };

async function pinState(host: ReturnType<typeof start>["host"]): Promise<Record<string, boolean>> {
  host.send({ type: "list-tokens", requestId: "lt" });
  const reply = await host.next((r) => r.requestId === "lt");
  const tokens = reply.tokens as { label: string; pin: Record<string, boolean> }[];
  return tokens.find((t) => t.label === harness.token.label)?.pin ?? {};
}

describe("the helper (sign-batch)", () => {
  it("the director's certificate for GVCN: every document refused before the login; the wrong PIN is never tried", async () => {
    const { host } = start();
    await host.hello();
    const docs = harness.docs.slice(0, 3);
    host.send(signRequest("wrong-role", docs, { certId: "02", pin: "000000" }));
    const replies = await host.collect("wrong-role");
    const failed = replies.filter((r) => r.type === "sign-failed");
    expect(failed).toHaveLength(3);
    for (const r of failed) {
      expect(errorOf(r)).toMatchObject({
        code: "SIGN_AUTHORITY_NAME_MISMATCH",
        message: "Học bạ ghi GVCN là Trần Thị Thu Hằng; chứng thư số đã chọn là của Nguyễn Văn Thắng.",
      });
    }
    expect(replies.some((r) => r.type === "error")).toBe(false);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 0, failed: 3 });
    // No login happened: the token still has its full count of PIN tries.
    expect(await pinState(host)).toMatchObject({ countLow: false, finalTry: false, locked: false });
  });

  it("a batch with a record of another class: that record alone is refused, naming both persons", async () => {
    const { host } = start();
    await host.hello();
    const docs = [harness.docs[0], otherClassDocument(), harness.docs[1]];
    host.send(signRequest("mixed", docs));
    const replies = await host.collect("mixed");
    expect(replies.filter((r) => r.type === "signed").map((r) => r.index)).toEqual([0, 2]);
    const failed = replies.filter((r) => r.type === "sign-failed");
    expect(failed.map((r) => [r.index, errorOf(r).message])).toEqual([
      [1, "Học bạ ghi GVCN là Phạm Thị Hương; chứng thư số đã chọn là của Trần Thị Thu Hằng."],
    ]);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 2, failed: 1 });
  });

  it("the seal role with a personal certificate is refused too", async () => {
    const { host } = start();
    await host.hello();
    host.send(signRequest("g", harness.docs.slice(0, 1)));
    const signed = (await host.collect("g")).find((r) => r.type === "signed");
    host.send(
      signRequest("t", [{ fileName: harness.docs[0]?.fileName, xml: signed?.xml }], {
        role: "ThuTruong",
        certId: "02",
      }),
    );
    const head = (await host.collect("t")).find((r) => r.type === "signed");
    expect(head).toBeDefined();
    host.send(
      signRequest("d", [{ fileName: harness.docs[0]?.fileName, xml: head?.xml }], {
        role: "DonVi",
        certId: "02",
        pin: "000000",
      }),
    );
    const refused = (await host.collect("d")).find((r) => r.type === "sign-failed");
    expect(refused && errorOf(refused).code).toBe("SIGN_AUTHORITY_PERSON_AS_SEAL");
    expect(await pinState(host)).toMatchObject({ countLow: false });
  });
});

describe("hocba sign and hocba verify", () => {
  it("sign: the wrong person's certificate is refused before the PIN; verify: a file signed by the wrong person fails with both names", async () => {
    const dir = scratchDir("hocba-authority-cli");
    const input = path.join(dir, "in");
    mkdirSync(input);
    const doc = harness.docs[0];
    if (!doc) throw new Error("no document");
    const file = path.join(input, doc.fileName);
    writeFileSync(file, doc.xml);
    const env = { ...harness.token.env, HOCBA_DATA_DIR: path.join(dir, "data"), PIN: "000000" };
    const sign = (role: string, cert: string, files: string[], out: string, pin = "PIN") =>
      runHocba(
        [
          "sign",
          ...files,
          "--role",
          role,
          "--token",
          harness.token.label,
          "--cert",
          cert,
          "--pin-env",
          pin,
          "--out",
          out,
        ],
        { env: { ...env, GOOD_PIN: harness.token.pin } },
      );

    const refused = await sign("gvcn", "nguoi-khac", [file], path.join(dir, "out1"));
    expect(refused.code).toBe(1);
    const said = `${refused.stdout}${refused.stderr}`;
    expect(said).toContain(
      "Học bạ ghi GVCN là Trần Thị Thu Hằng; chứng thư số đã chọn là của Ngô Văn Khách.",
    );
    expect(said).not.toMatch(/TOKEN_PIN|PIN không đúng/);

    // The right person signs; verify says whose signature it is and that she is the one named.
    const ok = await sign("gvcn", "gvcn", [file], path.join(dir, "out2"), "GOOD_PIN");
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    const signedFile = path.join(dir, "out2", doc.fileName);
    const root = path.join(harness.token.dir, "root.pem");
    const good = await runHocba(["verify", "--trust", root, signedFile], { env: harness.token.env });
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toContain("Thẩm quyền ký: đúng GVCN học bạ ghi (Trần Thị Thu Hằng)");

    const json = await runHocba(["verify", "--json", "--trust", root, signedFile], {
      env: harness.token.env,
    });
    expect(authorityOf(json.stdout)).toEqual({
      ok: true,
      status: "ok",
      signedAs: "GVCN",
      named: "Trần Thị Thu Hằng",
      holder: "Trần Thị Thu Hằng",
    });

    // A file whose GVCN signature is the director's (made past the check, as another tool would).
    const tok = useTestToken();
    const session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
    let forged: Buffer;
    try {
      session.login(tok.pin);
      forged = await signPastAuthority(
        session.selectSigner({ cert: "thu-truong" }),
        Buffer.from(doc.xml),
        "GVCN",
      );
    } finally {
      session.close();
    }
    const forgedFile = path.join(dir, "gia-mao.xml");
    writeFileSync(forgedFile, forged);
    const bad = await runHocba(["verify", "--trust", tok.rootPem, forgedFile], { env: harness.token.env });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("KHÔNG HỢP LỆ");
    expect(bad.stdout).toContain(
      "✗ Chữ ký GVCN không đúng thẩm quyền: học bạ ghi GVCN là Trần Thị Thu Hằng; người ký là Nguyễn Văn Thắng.",
    );
    const badJson = await runHocba(["verify", "--json", "--trust", tok.rootPem, forgedFile], {
      env: harness.token.env,
    });
    expect(badJson.code).toBe(1);
    expect(authorityOf(badJson.stdout)).toEqual({
      ok: false,
      status: "refused",
      named: "Trần Thị Thu Hằng",
      holder: "Nguyễn Văn Thắng",
    });
  });
});
