import type { NativeConnector, NativePort } from "../../../extension/background/services/native-port.ts";
import { PROTOCOL_VERSION, LIMITS } from "../../../shared/protocol/limits.ts";

type Listener<T extends unknown[]> = (...args: T) => void;

class FakeEvent<T extends unknown[]> {
  readonly listeners = new Set<Listener<T>>();
  addListener(listener: Listener<T>): void {
    this.listeners.add(listener);
  }
  removeListener(listener: Listener<T>): void {
    this.listeners.delete(listener);
  }
  emit(...args: T): void {
    for (const l of [...this.listeners]) l(...args);
  }
}

/** A native port whose other end is a test: messages are delivered asynchronously, like a browser. */
export class FakeNativePort implements NativePort {
  readonly onMessage = new FakeEvent<[unknown]>();
  readonly onDisconnect = new FakeEvent<[NativePort]>();
  readonly posted: unknown[] = [];
  disconnected = false;
  /** The browser's reason, readable only while onDisconnect listeners run (like runtime.lastError). */
  lastError: string | undefined;
  onPost: (message: unknown) => void = () => undefined;

  postMessage(message: unknown): void {
    if (this.disconnected) throw new Error("Attempting to use a disconnected port object");
    this.posted.push(message);
    this.onPost(message);
  }

  disconnect(): void {
    this.disconnected = true;
  }

  /** The helper sends a message. */
  reply(message: unknown): void {
    setTimeout(() => {
      if (!this.disconnected) this.onMessage.emit(message);
    }, 0);
  }

  /** The browser closes the port, with runtime.lastError set to `reason` during the callbacks. */
  hostDisconnect(reason?: string): void {
    setTimeout(() => {
      if (this.disconnected) return;
      this.disconnected = true;
      this.lastError = reason;
      this.onDisconnect.emit(this);
      this.lastError = undefined;
    }, 0);
  }
}

/** A connector that hands out FakeNativePorts and lets the test script each one. */
export class FakeConnector implements NativeConnector {
  readonly ports: FakeNativePort[] = [];
  readonly hostNames: string[] = [];
  constructor(private readonly script: (port: FakeNativePort) => void) {}

  connect(hostName: string): NativePort {
    const port = new FakeNativePort();
    this.hostNames.push(hostName);
    this.ports.push(port);
    this.script(port);
    return port;
  }

  lastError(port: NativePort): string | undefined {
    return (port as FakeNativePort).lastError;
  }
}

/** A connector whose host is "missing": the browser closes every port with this reason. */
export function failingConnector(reason: string): FakeConnector {
  return new FakeConnector((port) => port.hostDisconnect(reason));
}

export interface FakeHelperOptions {
  protocolVersion?: number;
  hostVersion?: string;
  /** Called for requests other than hello; return false to fall back to the default behaviour. */
  handle?: (request: Record<string, unknown>, port: FakeNativePort) => boolean | void;
  /** Files whose signing fails with TOKEN_SIGN_FAILED-like errors. */
  failFiles?: string[];
  /** PIN the fake token accepts. */
  pin?: string;
}

export const FAKE_TOKEN = {
  label: "TestToken",
  manufacturer: "SoftHSM project",
  model: "SoftHSM v2",
  serialNumber: "1234",
  modulePath: "/usr/lib/softhsm/libsofthsm2.so",
  pin: {
    protectedAuthenticationPath: false,
    countLow: false,
    finalTry: false,
    locked: false,
    toBeChanged: false,
  },
  certificates: [
    {
      id: "02",
      label: "gvcn",
      commonName: "Trần Thị B",
      subject: "CN=Trần Thị B\nC=VN",
      identifiers: ["CCCD:001234567890"],
      issuer: "CN=Test Intermediate CA\nC=VN",
      serialNumber: "0A",
      notBefore: "2025-01-01T00:00:00.000Z",
      notAfter: "2027-01-01T00:00:00.000Z",
      keyUsage: ["digitalSignature", "nonRepudiation"],
      hasPrivateKey: true,
      usableForSigning: true,
      sha256: "ab".repeat(32),
    },
  ],
};

const SIGNER = {
  commonName: "Trần Thị B",
  subject: "CN=Trần Thị B",
  issuer: "CN=Test Intermediate CA",
  serialNumber: "0A",
  certSha256: "ab".repeat(32),
};

/**
 * A scripted helper that speaks shared/protocol: hello, status, list-tokens and sign-batch with
 * streaming events; it "signs" by appending a DSCKS role container.
 */
export function fakeHelper(options: FakeHelperOptions = {}): FakeConnector {
  return new FakeConnector((port) => {
    let cancelled = false;
    port.onPost = (raw) => {
      const request = raw as Record<string, unknown>;
      const requestId = request.requestId as string;
      if (request.type === "hello") {
        port.reply({
          type: "hello",
          requestId,
          hostVersion: options.hostVersion ?? "0.1.0",
          protocolVersion: options.protocolVersion ?? PROTOCOL_VERSION,
          capabilities: ["hello", "status", "list-tokens", "sign-batch", "cancel"],
          limits: {
            maxRequestBytes: LIMITS.maxRequestBytes,
            maxReplyBytes: LIMITS.maxReplyBytes,
            maxDocumentsPerRequest: LIMITS.maxDocumentsPerRequest,
          },
        });
        return;
      }
      if (options.handle?.(request, port) === true) return;
      switch (request.type) {
        case "status":
          port.reply({
            type: "status",
            requestId,
            hostVersion: options.hostVersion ?? "0.1.0",
            protocolVersion: PROTOCOL_VERSION,
            modules: [{ path: FAKE_TOKEN.modulePath, loaded: true }],
            tokens: [
              {
                label: FAKE_TOKEN.label,
                manufacturer: FAKE_TOKEN.manufacturer,
                model: FAKE_TOKEN.model,
                serialNumber: FAKE_TOKEN.serialNumber,
                modulePath: FAKE_TOKEN.modulePath,
              },
            ],
            archive: { path: "/tmp/archive.sqlite", documents: 0 },
          });
          return;
        case "list-tokens":
          port.reply({ type: "tokens", requestId, tokens: [FAKE_TOKEN], moduleErrors: [] });
          return;
        case "cancel":
          cancelled = true;
          port.reply({ type: "cancel-ack", requestId, found: true });
          return;
        case "sign-batch": {
          if (options.pin !== undefined && request.pin !== options.pin) {
            port.reply({
              type: "error",
              requestId,
              error: { code: "TOKEN_PIN_INCORRECT", message: "Sai mã PIN", params: {} },
            });
            return;
          }
          const docs = request.documents as { fileName: string; xml: string }[];
          const role = request.role as string;
          let signed = 0;
          let failed = 0;
          // Events go out one per tick so a test can cancel in between.
          const step = (i: number) => {
            if (port.disconnected) return;
            if (i >= docs.length || cancelled) {
              port.reply({
                type: "done",
                requestId,
                signed,
                resumed: 0,
                failed,
                skipped: docs.length - signed - failed,
                cancelled,
              });
              return;
            }
            const doc = docs[i];
            if (!doc) return;
            port.reply({ type: "progress", requestId, done: i, total: docs.length, fileName: doc.fileName });
            if (options.failFiles?.includes(doc.fileName)) {
              failed++;
              port.reply({
                type: "sign-failed",
                requestId,
                index: i,
                fileName: doc.fileName,
                error: { code: "EXT_INTERNAL", message: "hỏng", params: { detail: "hỏng" } },
              });
            } else {
              signed++;
              const xml = doc.xml.includes("<DSCKS>")
                ? doc.xml.replace("</DSCKS>", `<${role}><ds:Signature/></${role}></DSCKS>`)
                : doc.xml.replace("<DSCKS/>", `<DSCKS><${role}><ds:Signature/></${role}></DSCKS>`);
              port.reply({
                type: "signed",
                requestId,
                index: i,
                fileName: doc.fileName,
                xml,
                sha256: "00".repeat(32),
                role,
                signer: SIGNER,
                signingTime: "2026-05-30T10:00:00+07:00",
                resumed: false,
              });
            }
            setTimeout(() => step(i + 1), 1);
          };
          step(0);
          return;
        }
        default:
          port.reply({
            type: "error",
            requestId,
            error: { code: "HOST_BAD_REQUEST", message: "?", params: {} },
          });
      }
    };
  });
}
