import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { HostProcess } from "./host-process.ts";
import { useHostHarness } from "./host-harness.ts";
import { scratchDir } from "./scratch-dir.ts";

const harness = useHostHarness();

const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

describe("kill -9 in the middle of a batch", () => {
  it("leaves a consistent archive, and resuming signs each document exactly once", async () => {
    const data = scratchDir("hocba-crash");
    const env = { ...harness.token.env, HOCBA_DATA_DIR: data };
    const request = harness.signRequest("lop-10A1", harness.docs);
    const delivered = new Map<string, string>();
    // Kill at three different points: after 1, 6 and 15 signed replies of the same batch.
    for (const killAfter of [1, 6, 15]) {
      const host = HostProcess.chrome(env);
      await host.hello();
      host.send(request);
      let seen = 0;
      await host.next((r) => r.type === "signed" && !r.resumed && ++seen >= killAfter);
      host.child.kill("SIGKILL");
      const exit = await host.exited;
      expect(exit.signal).toBe("SIGKILL");
      expect(host.garbage).toBe("");
      for (const r of host.replies.filter((x) => x.type === "signed")) {
        delivered.set(r.fileName as string, r.sha256 as string);
      }

      const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
      expect(checkArchive(archive)).toEqual([]);
      // Everything the browser received is archived (the archive may hold one more, signed just before the kill).
      const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
      for (const [fileName, hash] of delivered) expect(archived.get(fileName)).toBe(hash);
      archive.close();
    }

    const host = HostProcess.chrome(env);
    await host.hello();
    host.send(request);
    const replies = await host.collect("lop-10A1");
    host.end();
    expect((await host.exited).code).toBe(0);
    const done = replies.at(-1);
    expect(done).toMatchObject({ type: "done", failed: 0, skipped: 0, cancelled: false });
    expect(Number(done?.resumed) + Number(done?.signed)).toBe(harness.docs.length);
    expect(Number(done?.resumed)).toBeGreaterThanOrEqual(delivered.size);
    const signed = replies.filter((r) => r.type === "signed");
    expect(signed).toHaveLength(harness.docs.length);
    // What was delivered before a crash comes back byte for byte: the same signature, not a new one.
    for (const r of signed) {
      expect(sha(r.xml as string)).toBe(r.sha256);
      const before = delivered.get(r.fileName as string);
      if (before) expect(r).toMatchObject({ resumed: true, sha256: before });
    }

    const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
    expect(checkArchive(archive)).toEqual([]);
    expect(archive.count()).toBe(harness.docs.length);
    const log = [...archive.auditLog()];
    expect(log.filter((e) => e.event === "document-signed")).toHaveLength(harness.docs.length);
    expect(new Set(archive.list().entries.map((e) => e.maHocVien)).size).toBe(harness.docs.length);
    archive.close();
  });
});
