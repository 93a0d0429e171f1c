import pkg from "../../package.json" with { type: "json" };

/** The helper's version, as package.json gives it. */
export const HOST_VERSION: string = pkg.version;
