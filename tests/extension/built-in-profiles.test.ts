import { describe, expect, it } from "vitest";
import { builtInProfile, PROFILE_IDS } from "../../extension/services/built-in-profiles.ts";
import { BUILT_IN_PROFILE_IDS, loadProfile } from "../../shared/rules/load-profile.ts";

// The pages use the profile JSON without zod (size budget); this proves it is exactly what the
// validated loader returns.
describe("built-in profiles without zod", () => {
  it("are the same set as the rules engine's", () => {
    expect([...PROFILE_IDS].sort()).toEqual([...BUILT_IN_PROFILE_IDS].sort());
  });

  it.each([...BUILT_IN_PROFILE_IDS])("%s equals loadProfile()", (id) => {
    expect(builtInProfile(id)).toEqual(loadProfile(id));
  });

  it("an unknown profile is a clear error", () => {
    expect(() => builtInProfile("xyz")).toThrow(/Không có bộ quy tắc «xyz»/);
  });
});
