import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { sqliteDriverName } from "../../../native-host/archive/open-sqlite.ts";
import { fetchNodeRuntime } from "../../../scripts/package/fetch-node-runtime.ts";
import { PACKAGED_NODE, TARGETS } from "../../../scripts/package/targets.ts";
import { CLI } from "../host/host-process.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/**
 * The archive under node:sqlite, the driver of the packaged helper. The tests run on Node 20, which
 * has no node:sqlite, so this file runs the archive's own tests again under the Node 22 the package
 * ships (fetched from npm by the package build into .tmp/package-cache, as `npm run package` does):
 * opening and creating, appending signed documents, the append-only guards, the audit chain and its
 * check, a second process holding the lock, export and backup, the CLI. Under Node 22 the same file
 * checks that the user never sees Node's "SQLite is experimental" warning, and only that one is hidden.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const ARCHIVE_TESTS = [
  "tests/unit/archive/open-sqlite.test.ts",
  "tests/unit/archive/archive.test.ts",
  "tests/unit/archive/archive-cli.test.ts",
  "tests/unit/archive/sign-archived-batch.test.ts",
  "tests/unit/archive/node-sqlite.test.ts",
];
const underNodeSqlite = sqliteDriverName() === "node:sqlite";
const linuxX64 = process.platform === "linux" && process.arch === "x64";

interface VitestJson {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    assertionResults: { title: string; status: string; failureMessages?: string[] }[];
  }[];
}

describe.skipIf(underNodeSqlite || !linuxX64)("the archive's tests under the packaged Node 22", () => {
  it("pass with node:sqlite, every one of them", { timeout: 300_000 }, () => {
    const node = fetchNodeRuntime(TARGETS["linux-x64"], path.join(ROOT, ".tmp/package-cache"), {
      ...PACKAGED_NODE,
    });
    expect(execFileSync(node.binaryPath, ["--version"], { encoding: "utf8" }).trim()).toMatch(/^v22\./);
    const report = path.join(scratchDir("hocba-node22"), "report.json");
    const run = spawnSync(
      node.binaryPath,
      [
        path.join(ROOT, "node_modules/vitest/vitest.mjs"),
        "run",
        "--project",
        "unit",
        "--reporter=json",
        `--outputFile=${report}`,
        ...ARCHIVE_TESTS,
      ],
      { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "1" }, timeout: 280_000 },
    );
    const result = JSON.parse(readFileSync(report, "utf8")) as VitestJson;
    // Skipped there: only this wrapper (Node 22 has node:sqlite itself).
    const failed = result.testResults.flatMap((f) =>
      f.assertionResults
        .filter(
          (a) =>
            a.status !== "passed" && !(a.status === "skipped" && a.title.startsWith("pass with node:sqlite")),
        )
        .map((a) => `${a.title}: ${a.status} ${(a.failureMessages ?? []).join("\n").slice(0, 1500)}`),
    );
    expect(failed, run.stderr.slice(-4000)).toEqual([]);
    expect(run.status).toBe(0);
    expect(result.success).toBe(true);
    expect(result.testResults.map((f) => path.relative(ROOT, f.name)).sort()).toEqual(
      [...ARCHIVE_TESTS].sort(),
    );
    // The archive's tests are dozens; the driver test says which driver ran them.
    expect(result.numPassedTests).toBeGreaterThan(40);
    const titles = result.testResults.flatMap((f) => f.assertionResults.map((a) => a.title));
    expect(titles).toContain("uses node:sqlite when this Node has it, libsql otherwise");
    expect(titles.some((t) => t.startsWith("hides Node's SQLite warning"))).toBe(true);
  });
});

describe.skipIf(!underNodeSqlite)("node:sqlite's experimental warning", () => {
  it("hides Node's SQLite warning and no other: not from the archive, not from the CLI", () => {
    const dir = scratchDir("hocba-sqlite-warning");
    const script = path.join(dir, "open.mjs");
    const openSqliteUrl = pathToFileURL(path.join(ROOT, "native-host/archive/open-sqlite.ts")).href;
    writeFileSync(
      script,
      [
        `const { openSqlite } = await import(${JSON.stringify(openSqliteUrl)});`,
        `const db = openSqlite(${JSON.stringify(path.join(dir, "w.sqlite"))});`,
        `console.log(db.driver);`,
        `db.close();`,
        `process.emitWarning("une autre fonction expérimentale", "ExperimentalWarning");`,
        `process.emitWarning("hocba: avertissement de test");`,
      ].join("\n"),
    );
    const run = spawnSync(process.execPath, ["--import", path.join(ROOT, "bin/register-ts.mjs"), script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe("node:sqlite");
    expect(run.stderr).not.toContain("SQLite is an experimental feature");
    expect(run.stderr).toContain("ExperimentalWarning: une autre fonction expérimentale");
    expect(run.stderr).toContain("Warning: hocba: avertissement de test");

    // The CLI creates the archive in that file and checks it: not a line on stderr.
    const cli = spawnSync(
      process.execPath,
      [CLI, "archive", "check", "--archive", path.join(dir, "w.sqlite")],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("0 tài liệu");
    expect(cli.stderr).toBe("");
  });
});
