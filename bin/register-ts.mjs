// Registers bin/ts-hooks.mjs so that `node bin/<tool>.mjs` runs TypeScript sources without a build step.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);
