import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { archiveSigned } from "../../../native-host/archive/archive-signed.ts";
import { archivePath, userDataDir } from "../../../native-host/archive/data-dir.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { CLI } from "../host/host-process.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { openSqlite } from "../../../native-host/archive/open-sqlite.ts";

const run = promisify(execFile);

let dir: string;
let file: string;
beforeAll(() => {
  dir = scratchDir("hocba-archive-cli");
  file = path.join(dir, "kho.sqlite");
  const cert = makeCertificateDer("Lê Thị Hoa");
  const archive = HocBaArchive.open(file);
  for (const id of ["HV0001", "HV0002"]) {
    archiveSigned(archive, {
      batchId: "cli-1",
      fileName: `${id}_2025-2026.xml`,
      role: "GVCN",
      input: hocBaXml(id),
      signed: hocBaXml(id, "2025-2026", "<GVCN>s</GVCN>"),
      signerCertDer: cert,
      signingTime: "2026-05-20T09:00:00+07:00",
    });
  }
  archive.close();
});

async function hocba(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH, HOME: dir },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("hocba archive", () => {
  it("lists entries as text and as JSON", async () => {
    const text = await hocba("archive", "list", "--archive", file);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("2 tài liệu đã ký");
    expect(text.stdout).toContain("Lê Thị Hoa");
    const json = await hocba("archive", "list", "--json", "--archive", file, "--ma-hoc-vien", "HV0002");
    expect(JSON.parse(json.stdout)).toMatchObject({
      total: 1,
      entries: [{ maHocVien: "HV0002", role: "GVCN", batchId: "cli-1" }],
    });
  });

  it("exports to a folder", async () => {
    const out = path.join(dir, "xuat");
    const result = await hocba("archive", "export", out, "--archive", file);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["HV0001_2025-2026.xml", "HV0002_2025-2026.xml", "SHA256SUMS"]);
  });

  it("check exits 0 when intact and 1 naming the entry when a row was changed", async () => {
    const ok = await hocba("archive", "check", "--archive", file);
    expect(ok).toMatchObject({ code: 0 });
    expect(ok.stdout).toContain("nguyên vẹn");
    const copy = path.join(dir, "copy.sqlite");
    const db = openSqlite(file);
    db.backup(copy);
    db.close();
    const tampered = openSqlite(copy);
    tampered.exec(
      "DROP TRIGGER documents_no_update; UPDATE documents SET nam_hoc = '2024-2025' WHERE id = 2",
    );
    tampered.close();
    const bad = await hocba("archive", "check", "--archive", copy);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("Bản ghi #2 (HV0002_2025-2026.xml) trong kho đã bị sửa");
    const json = await hocba("archive", "check", "--json", "--archive", copy);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
  });

  it("says so for an archive that does not exist yet, and refuses bad arguments", async () => {
    expect((await hocba("archive", "list", "--archive", path.join(dir, "none.sqlite"))).stdout).toContain(
      "chưa có tài liệu",
    );
    const bad = await hocba("archive", "frobnicate", "--archive", file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^Lỗi: Tham số không hợp lệ/);
  });
});

describe("userDataDir / archivePath", () => {
  it.each<[NodeJS.Platform, Record<string, string>, string]>([
    ["linux", {}, "/home/gv/.local/share/hocba-signer"],
    ["linux", { XDG_DATA_HOME: "/data" }, "/data/hocba-signer"],
    ["linux", { XDG_DATA_HOME: "relative" }, "/home/gv/.local/share/hocba-signer"],
    ["linux", { HOME: "/tmp/h" }, "/tmp/h/.local/share/hocba-signer"],
    ["darwin", {}, "/home/gv/Library/Application Support/hocba-signer"],
    [
      "win32",
      { APPDATA: "C:\\Users\\An\\AppData\\Roaming" },
      "C:\\Users\\An\\AppData\\Roaming\\hocba-signer",
    ],
    ["linux", { HOCBA_DATA_DIR: "/srv/hocba" }, "/srv/hocba"],
  ])("%s %j -> %s", (platform, env, expected) => {
    expect(userDataDir({ env, platform, homedir: "/home/gv" })).toBe(expected);
  });

  it("takes --archive over HOCBA_ARCHIVE over the default", () => {
    const where = {
      env: { HOCBA_ARCHIVE: "/e/a.sqlite" },
      platform: "linux" as const,
      homedir: "/home/gv",
      cwd: "/w",
    };
    expect(archivePath({ ...where, flag: "k.sqlite" })).toBe("/w/k.sqlite");
    expect(archivePath(where)).toBe("/e/a.sqlite");
    expect(archivePath({ ...where, env: {} })).toBe("/home/gv/.local/share/hocba-signer/archive.sqlite");
  });
});
