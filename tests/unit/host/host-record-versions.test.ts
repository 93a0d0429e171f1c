import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { useHostHarness } from "./host-harness.ts";

/**
 * `record-versions` (issue 10): the extension asks the helper for each learner's latest archived
 * version, so that a class signed on another PC, or read in a cleared browser profile, is counted
 * from the archive and never built as version 1 again.
 */
const harness = useHostHarness({ dataPrefix: "hocba-record-versions" });
const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");
const codeOf = (xml: string): string => readHocBa(xml).hocVien.maHocVien;

describe("helper: record-versions", () => {
  it("answers one reply per learner: the latest archived version with its signed copy, or nothing", async () => {
    const { host } = harness.start();
    await host.hello();
    const batch = harness.docs.slice(0, 2);
    host.send(harness.signRequest("g1", batch));
    const signed = (await host.collect("g1")).filter((r) => r.type === "signed");
    expect(signed).toHaveLength(2);

    const codes = batch.map((d) => codeOf(d.xml));
    const namHoc = readHocBa(batch[0]?.xml ?? "").ttChung.namHoc;
    host.send({
      type: "record-versions",
      requestId: "rv",
      namHoc,
      maHocVien: [...codes, "HV-KHONG-CO", codes[0]],
    });
    const replies = await host.collect("rv", ["record-versions-done", "error"]);
    for (const r of replies) expect(HostReply.safeParse(r).success).toBe(true);
    expect(replies.map((r) => r.type)).toEqual([
      "record-version",
      "record-version",
      "record-version",
      "record-versions-done",
    ]);
    expect(replies.at(-1)).toMatchObject({ found: 2 });
    expect(replies[2]).toEqual({ type: "record-version", requestId: "rv", maHocVien: "HV-KHONG-CO" });
    for (const [i, doc] of batch.entries()) {
      const reply = replies[i] as unknown as {
        maHocVien: string;
        latest: Record<string, unknown> & { xml: string };
      };
      expect(reply.maHocVien).toBe(codes[i]);
      const view = readHocBa(doc.xml);
      expect(reply.latest).toMatchObject({
        idBanGhi: view.ttChung.idBanGhi,
        phienBan: 1,
        suKien: "NEW",
        sha256: sha(doc.xml), // the unsigned form, what a version 2 names
        roles: ["GVCN"],
        versions: 1,
        fileName: doc.fileName,
      });
      // Exactly the signed document the batch returned.
      const returned = signed.find((s) => s.fileName === doc.fileName) as { xml: string } | undefined;
      expect(reply.latest.xml).toBe(returned?.xml);
      expect(readHocBa(reply.latest.xml).vaiTroCoChuKy).toEqual(["GVCN"]);
    }

    // Another school's records are not this school's.
    host.send({
      type: "record-versions",
      requestId: "other",
      namHoc,
      maTruong: "99999999",
      maHocVien: codes,
    });
    const other = await host.collect("other", ["record-versions-done", "error"]);
    expect(other.at(-1)).toMatchObject({ type: "record-versions-done", found: 0 });
  }, 120_000);

  it("refuses a request without learners or with a malformed year, and keeps serving", async () => {
    const { host } = harness.start();
    await host.hello();
    host.send({ type: "record-versions", requestId: "e1", namHoc: "2025-2026", maHocVien: [] });
    host.send({ type: "record-versions", requestId: "e2", namHoc: "2025", maHocVien: ["HV1"] });
    host.send({ type: "record-versions", requestId: "ok", namHoc: "2025-2026", maHocVien: ["HV1"] });
    expect(await host.next((r) => r.requestId === "e1")).toMatchObject({ type: "error" });
    expect(await host.next((r) => r.requestId === "e2")).toMatchObject({ type: "error" });
    const done = await host.next((r) => r.requestId === "ok" && r.type === "record-versions-done");
    expect(done).toMatchObject({ found: 0 });
  });
});
