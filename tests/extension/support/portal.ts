import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import type { PortalFetchReply, PortalFetchRequest } from "../../../extension/models/wire.ts";
import { SESSION_COOKIE } from "../../portal-sim/start-portal.ts";

export function fixture(
  name: "gradebook-gdtx-10.json" | "gradebook-thpt-11.json" | "gradebook-errors.json",
): Gradebook {
  return Gradebook.parse(
    JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url)), "utf8")),
  );
}

/** Logs in to the simulator through its form; returns the session cookie. */
export async function portalLogin(base: string, layout: "vnedu" | "smas"): Promise<string> {
  const path = layout === "vnedu" ? "/vnedu/login" : "/smas/Account/Login";
  const res = await fetch(base + path, {
    method: "POST",
    body: new URLSearchParams({ username: "gvcn", password: "123456" }),
    redirect: "manual",
  });
  const m = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "");
  if (!m) throw new Error(`login failed: ${res.status}`);
  return `${SESSION_COOKIE}=${m[1]}`;
}

/** The content script's side of the crawl: fetch with the user's cookie (what the browser does). */
export function contentFetcher(cookie: string): (message: unknown) => Promise<PortalFetchReply | undefined> {
  return async (message) => {
    const request = message as PortalFetchRequest;
    if (request.type !== "hocba-fetch") return undefined;
    const res = await fetch(request.url, { headers: { Cookie: cookie } });
    const type = res.headers.get("content-type") ?? "";
    const page = type.includes("json")
      ? { url: res.url, json: (await res.json()) as unknown }
      : { url: res.url, html: await res.text() };
    return { ok: true, page };
  };
}
