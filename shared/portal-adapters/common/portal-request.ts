/**
 * A page a crawl asks for. Most portal pages are plain GET addresses; vnEdu v5 loads its fragments
 * with a form POST carrying the page's token, and the new SMAS gateway answers JSON to requests
 * that carry the page's bearer token. The adapter says what to ask; the caller's fetch (the content
 * script with the user's session, a test, the CLI) performs it. `auth: "page-bearer"` means "the
 * token the portal page itself holds": the adapter never sees it.
 */
export interface PortalRequest {
  url: string;
  method?: "GET" | "POST";
  /** A form body (application/x-www-form-urlencoded), in field order. */
  form?: Readonly<Record<string, string>>;
  /** A JSON body (application/json). */
  json?: unknown;
  /** Extra request headers the portal's own script sends (e.g. SMAS's SchoolYear). */
  headers?: Readonly<Record<string, string>>;
  /** Attach the portal page's own OAuth bearer token. */
  auth?: "page-bearer";
}

/** What an adapter's links() returns: an address (GET) or a full request. */
export type PortalLink = string | PortalRequest;

export function toRequest(link: PortalLink): PortalRequest {
  return typeof link === "string" ? { url: link } : link;
}

/** The body text of a request, as sent. */
export function requestBody(request: PortalRequest): string | undefined {
  if (request.form) return new URLSearchParams(Object.entries(request.form)).toString();
  if (request.json !== undefined) return JSON.stringify(request.json);
  return undefined;
}

/** One key per distinct request: the same address with another form is another page. */
export function requestKey(request: PortalRequest): string {
  const body = requestBody(request);
  return `${request.method ?? (body === undefined ? "GET" : "POST")} ${request.url}${body === undefined ? "" : `\n${body}`}`;
}
