import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { previousSignedForm } from "../../../native-host/handoff/previous-signed-form.ts";
import { sha256Hex } from "../../../shared/handoff/sha256-hex.ts";
import { readHandoffPackage } from "../../../shared/handoff/read-handoff-package.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { signClass, type SignedClass } from "./signed-class.ts";

let tok: TestToken;
let cls: SignedClass;
let dir: string;
let gvcnFiles: string[];

beforeAll(async () => {
  tok = useTestToken();
  cls = await signClass(tok, 3);
  dir = scratchDir("hocba-package");
  mkdirSync(path.join(dir, "gvcn"));
  gvcnFiles = cls.learners.map((l) => {
    const f = path.join(dir, "gvcn", l.name);
    writeFileSync(f, l.gvcn);
    return f;
  });
}, 60_000);
afterAll(() => cls.session.close());

const hocba = (...args: string[]) => runHocba(args, { env: { ...tok.env, HOME: dir } });

async function createPackage(files: string[], name: string, extra: string[] = []): Promise<string> {
  const out = path.join(dir, name);
  mkdirSync(out);
  const r = await hocba("package", "create", ...files, "--out", out, "--trust", tok.rootPem, ...extra);
  expect(r.code, r.stderr).toBe(0);
  const [pkg] = readdirSync(out);
  return path.join(out, pkg ?? "");
}

/** The same package with its entries changed by `edit`, manifest.json and SHA256SUMS recomputed. */
function repack(pkg: string, edit: (files: Record<string, Uint8Array>) => void, target: string): string {
  const files = unzipSync(readFileSync(pkg));
  edit(files);
  const manifest = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array)) as {
    documents: Array<{ fileName: string; sha256: string; size: number }>;
  };
  for (const d of manifest.documents) {
    const bytes = files[d.fileName] as Uint8Array;
    d.sha256 = sha256Hex(bytes);
    d.size = bytes.length;
  }
  files["manifest.json"] = strToU8(JSON.stringify(manifest));
  files.SHA256SUMS = strToU8(
    Object.entries(files)
      .filter(([n]) => n !== "SHA256SUMS")
      .map(([n, b]) => `${sha256Hex(b)}  ${n}\n`)
      .join(""),
  );
  writeFileSync(target, zipSync(files));
  return target;
}

describe("hocba package", () => {
  it("creates <Lop>_<NamHoc>_<Buoc>.hocba.zip with the signed files, manifest.json and SHA256SUMS; check passes; every file still passes xmlsec1", async () => {
    const pkg = await createPackage(gvcnFiles, "tron-goi");
    expect(path.basename(pkg)).toMatch(/^[A-Za-z0-9.-]+_2025-2026_gvcn\.hocba\.zip$/);
    const entries = unzipSync(readFileSync(pkg));
    expect(Object.keys(entries).sort()).toEqual(
      ["SHA256SUMS", "manifest.json", ...cls.learners.map((l) => l.name)].sort(),
    );
    const read = readHandoffPackage(readFileSync(pkg));
    expect(read.problems).toEqual([]);
    expect(read.manifest).toMatchObject({
      format: "hocba-handoff",
      formatVersion: 1,
      buoc: "gvcn",
      namHoc: "2025-2026",
    });
    for (const [i, d] of read.manifest.documents.entries()) {
      const learner = cls.learners[i];
      expect(d.fileName).toBe(learner?.name);
      expect(d.sha256).toBe(sha256Hex(learner?.gvcn ?? new Uint8Array()));
      expect(d.roles).toEqual([
        { role: "GVCN", signer: expect.stringMatching(/\S/), signingTime: expect.stringMatching(/^\d{4}-/) },
      ]);
      expect(d.hoTen).not.toBe("");
      const r = xmlsec1Verify(entries[d.fileName] as Uint8Array, "sig-GVCN", {
        root: tok.rootPem,
        intermediate: tok.intermediatePem,
      });
      expect(r.ok, r.output).toBe(true);
    }
    const sums = strFromU8(entries.SHA256SUMS as Uint8Array);
    expect(sums).toContain(`${sha256Hex(entries["manifest.json"] as Uint8Array)}  manifest.json`);

    const check = await hocba("package", "check", pkg, "--json", "--trust", tok.rootPem);
    expect(check.code, check.stderr).toBe(0);
    const json = JSON.parse(check.stdout) as { ok: boolean; documents: Array<{ ok: boolean }> };
    expect(json.ok).toBe(true);
    expect(json.documents.map((d) => d.ok)).toEqual([true, true, true]);
    const text = await hocba("package", "check", pkg, "--trust", tok.rootPem);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("gói hợp lệ");
  });

  it("takes the last signature out exactly (what an imported document's last role signed)", () => {
    for (const l of cls.learners) {
      expect(Buffer.from(previousSignedForm(l.donVi, "DonVi", { first: false }) ?? [])).toEqual(l.thuTruong);
      expect(Buffer.from(previousSignedForm(l.thuTruong, "ThuTruong", { first: false }) ?? [])).toEqual(
        l.gvcn,
      );
      expect(Buffer.from(previousSignedForm(l.gvcn, "GVCN", { first: true }) ?? [])).toEqual(
        Buffer.from(l.unsigned),
      );
      expect(previousSignedForm(l.gvcn, "ThuTruong", { first: false })).toBeNull();
    }
  });

  it("refuses to package a document that does not verify, naming it", async () => {
    const bad = path.join(dir, "gvcn-hong.xml");
    writeFileSync(bad, await cls.untrusted(cls.learners[0]?.unsigned ?? new Uint8Array()));
    const r = await hocba(
      "package",
      "create",
      bad,
      gvcnFiles[1] ?? "",
      "--out",
      path.join(dir, "x.zip"),
      "--trust",
      tok.rootPem,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("gvcn-hong.xml");
  });

  it("imports into another PC's archive; importing twice changes nothing; the audit log records both", async () => {
    const pkg = await createPackage(gvcnFiles, "nhap");
    const kho = path.join(dir, "giam-doc.sqlite");
    const first = await hocba("package", "import", pkg, "--archive", kho, "--json", "--trust", tok.rootPem);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ imported: 3, alreadyPresent: 0, refused: 0 });
    const second = await hocba("package", "import", pkg, "--archive", kho, "--json", "--trust", tok.rootPem);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ imported: 0, alreadyPresent: 3, refused: 0 });
    const archive = HocBaArchive.open(kho);
    try {
      expect(archive.count()).toBe(3);
      const stored = [...archive.documents()];
      expect(stored.map((d) => d.role)).toEqual(["GVCN", "GVCN", "GVCN"]);
      expect(stored.map((d) => d.sha256).sort()).toEqual(cls.learners.map((l) => sha256Hex(l.gvcn)).sort());
      // The input recorded is the unsigned form, as signing on this PC records it.
      expect(stored.map((d) => d.inputSha256).sort()).toEqual(
        cls.learners.map((l) => sha256Hex(l.unsigned)).sort(),
      );
      const imports = [...archive.auditLog()].filter((e) => e.event === "package-imported");
      expect(imports).toHaveLength(2);
      expect(JSON.parse(imports[0]?.details ?? "{}")).toMatchObject({
        imported: 3,
        package: path.basename(pkg),
      });
    } finally {
      archive.close();
    }
    const check = await hocba("archive", "check", "--archive", kho);
    expect(check.code, check.stdout).toBe(0);
  });

  it("imports a head-signed package under ThuTruong with the GVCN-signed bytes as its input", async () => {
    mkdirSync(path.join(dir, "tt"));
    const files = cls.learners.map((l) => {
      const f = path.join(dir, "tt", l.name);
      writeFileSync(f, l.thuTruong);
      return f;
    });
    const pkg = await createPackage(files, "tt-goi");
    expect(path.basename(pkg)).toMatch(/_thu-truong\.hocba\.zip$/);
    const kho = path.join(dir, "van-thu.sqlite");
    const r = await hocba("package", "import", pkg, "--archive", kho, "--json", "--trust", tok.rootPem);
    expect(r.code, r.stderr).toBe(0);
    const archive = HocBaArchive.open(kho);
    try {
      const stored = [...archive.documents()];
      expect(stored.map((d) => d.role)).toEqual(["ThuTruong", "ThuTruong", "ThuTruong"]);
      expect(stored.map((d) => d.inputSha256).sort()).toEqual(
        cls.learners.map((l) => sha256Hex(l.gvcn)).sort(),
      );
    } finally {
      archive.close();
    }
  });

  it("a tampered, an untrusted and a wrongly-signed document are each refused alone and named; check exits 1", async () => {
    const pkg = await createPackage(gvcnFiles, "hong");
    const [a, b, c] = cls.learners;
    const untrusted = await cls.untrusted(b?.unsigned ?? new Uint8Array());
    const wrong = await cls.wrongAuthority(c?.unsigned ?? new Uint8Array());
    const tampered = repack(
      pkg,
      (files) => {
        const name = a?.name ?? "";
        const text = strFromU8(files[name] as Uint8Array);
        const changed = text.replace(/<HoTen>([^<]*)<\/HoTen>/, "<HoTen>$1 X</HoTen>");
        expect(changed).not.toBe(text);
        files[name] = strToU8(changed);
        files[b?.name ?? ""] = untrusted;
        files[c?.name ?? ""] = wrong;
      },
      path.join(dir, "hong-goi.zip"),
    );
    const check = await hocba("package", "check", tampered, "--json", "--trust", tok.rootPem);
    expect(check.code).toBe(1);
    const json = JSON.parse(check.stdout) as {
      ok: boolean;
      documents: Array<{ fileName: string; ok: boolean; problems: Array<{ code: string }> }>;
    };
    expect(json.ok).toBe(false);
    expect(json.documents.map((d) => d.ok)).toEqual([false, false, false]);
    const codes = json.documents.map((d) => d.problems.map((p) => p.code));
    expect(codes[1]).toContain("VERIFY_SIG_UNTRUSTED");
    expect(codes[2]?.some((code) => code.startsWith("AUTHORITY_") || code.includes("AUTHORITY"))).toBe(true);
    const text = await hocba("package", "check", tampered, "--trust", tok.rootPem);
    for (const l of cls.learners) expect(text.stdout).toContain(`KHÔNG HỢP LỆ ${l.name}`);

    // Mixed with good ones: only the bad are refused.
    const mixed = repack(
      pkg,
      (files) => {
        files[b?.name ?? ""] = untrusted;
      },
      path.join(dir, "mot-hong.zip"),
    );
    const kho = path.join(dir, "tu-choi.sqlite");
    const r = await hocba("package", "import", mixed, "--archive", kho, "--trust", tok.rootPem);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`TỪ CHỐI: ${b?.name}`);
    expect(r.stdout).toContain("Đã nhập 2, đã có 0, từ chối 1 tài liệu.");
  });

  it("a manifest naming another signer than the signature's certificate is caught", async () => {
    const pkg = await createPackage(gvcnFiles, "nguoi-ky");
    const swapped = repack(
      pkg,
      (files) => {
        const m = JSON.parse(strFromU8(files["manifest.json"] as Uint8Array)) as {
          documents: Array<{ roles: Array<{ signer: string }> }>;
        };
        const role = m.documents[0]?.roles[0];
        if (role) role.signer = "Người Khác";
        files["manifest.json"] = strToU8(JSON.stringify(m));
      },
      path.join(dir, "nguoi-ky-doi.zip"),
    );
    const r = await hocba("package", "check", swapped, "--trust", tok.rootPem);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `Tệp ${cls.learners[0]?.name}: manifest.json ghi GVCN (người ký) «Người Khác»`,
    );
  });

  it("a file changed without updating manifest.json is named by its SHA-256", async () => {
    const pkg = await createPackage(gvcnFiles, "sha");
    const files = unzipSync(readFileSync(pkg));
    const name = cls.learners[1]?.name ?? "";
    files[name] = new Uint8Array(cls.learners[1]?.thuTruong ?? []);
    const changed = path.join(dir, "sha-doi.zip");
    writeFileSync(changed, zipSync(files));
    const r = await hocba("package", "check", changed, "--trust", tok.rootPem);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`Tệp ${name}: mã SHA-256 không khớp với manifest.json`);
  });

  it("refuses a zip with path traversal, a duplicate name or an oversized entry as a whole", async () => {
    const pkg = await createPackage(gvcnFiles, "zip");
    const files = unzipSync(readFileSync(pkg));
    const traversal = path.join(dir, "traversal.zip");
    writeFileSync(traversal, zipSync({ ...files, "../../evil.xml": strToU8("<x/>") }));
    const r = await hocba(
      "package",
      "import",
      traversal,
      "--archive",
      path.join(dir, "z.sqlite"),
      "--trust",
      tok.rootPem,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("tên không an toàn «../../evil.xml»");
    const nested = path.join(dir, "nested.zip");
    writeFileSync(nested, zipSync({ ...files, sub: { "a.xml": strToU8("<x/>") } }));
    expect((await hocba("package", "check", nested, "--trust", tok.rootPem)).stderr).toContain("«sub/");

    // Two entries with one name (fflate's object keys cannot: write the second by renaming bytes).
    const name = cls.learners[0]?.name ?? "";
    const twin = name.replace(/^./, "#");
    const dup = Buffer.from(zipSync({ ...files, [twin]: files[name] as Uint8Array }));
    let at = dup.indexOf(twin);
    while (at !== -1) {
      dup.write(name.slice(0, 1), at, "latin1");
      at = dup.indexOf(twin, at + 1);
    }
    const dupFile = path.join(dir, "dup.zip");
    writeFileSync(dupFile, dup);
    const d = await hocba("package", "check", dupFile, "--trust", tok.rootPem);
    expect(d.code).toBe(1);
    expect(d.stderr).toContain(`hai mục cùng tên «${name}»`);

    expect(() => readHandoffPackage(readFileSync(pkg), { limits: { maxEntryBytes: 1000 } })).toThrow(
      /quá lớn/,
    );
  });
});
