import { useState } from "react";
import { browser } from "wxt/browser";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import {
  ADAPTER_CHOICES,
  normalizeOrigin,
  originPattern,
  type AdapterChoice,
  type PortalSetting,
} from "../../services/settings.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useI18n } from "../locale-context.tsx";

const ADAPTER_LABEL = {
  auto: "EXT_UI_ADAPTER_AUTO",
  vnedu: "EXT_UI_ADAPTER_VNEDU",
  smas: "EXT_UI_ADAPTER_SMAS",
  generic: "EXT_UI_ADAPTER_GENERIC",
} as const;

/**
 * The portal origins the extension may read. Adding one asks the browser for that origin only
 * (optional host permission); removing one gives the permission back.
 */
export function PortalList({
  portals,
  onChange,
}: {
  portals: PortalSetting[];
  onChange: (portals: PortalSetting[]) => Promise<void>;
}) {
  const { t } = useI18n();
  const [input, setInput] = useState("");
  const [error, setError] = useState<WireError>();

  const add = () => {
    setError(undefined);
    let origin: string;
    try {
      origin = normalizeOrigin(input);
    } catch (err) {
      setError(toWireError(err));
      return;
    }
    // permissions.request must run inside the click's user gesture: no await before it.
    browser.permissions.request({ origins: [originPattern(origin)] }).then(
      async (granted) => {
        if (!granted) return setError(new HocBaError("EXT_PERMISSION_DENIED", { origin }).toJSON());
        if (!portals.some((p) => p.origin === origin)) {
          await onChange([...portals, { origin, adapter: "auto" }]);
        }
        setInput("");
      },
      (err: unknown) => setError(toWireError(err)),
    );
  };

  const remove = async (origin: string) => {
    const rest = portals.filter((p) => p.origin !== origin);
    await onChange(rest);
    // Give the permission back unless another configured origin still needs the same pattern.
    const pattern = originPattern(origin);
    if (!rest.some((p) => originPattern(p.origin) === pattern)) {
      await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    }
  };

  const setAdapter = (origin: string, adapter: AdapterChoice) =>
    void onChange(portals.map((p) => (p.origin === origin ? { ...p, adapter } : p)));

  return (
    <div className="portal-list">
      {portals.length === 0 && <p className="muted">{t("EXT_UI_OPTIONS_NO_PORTAL")}</p>}
      <ul data-testid="portal-list">
        {portals.map((p) => (
          <li key={p.origin} data-origin={p.origin}>
            <code>{p.origin}</code>
            <label>
              {t("EXT_UI_OPTIONS_ADAPTER")}{" "}
              <select
                value={p.adapter}
                onChange={(e) => setAdapter(p.origin, e.target.value as AdapterChoice)}
              >
                {ADAPTER_CHOICES.map((a) => (
                  <option key={a} value={a}>
                    {t(ADAPTER_LABEL[a])}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="danger" onClick={() => void remove(p.origin)}>
              {t("EXT_UI_REMOVE")}
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          type="url"
          value={input}
          placeholder="https://hocba.vnedu.vn"
          aria-label={t("EXT_UI_OPTIONS_PORTAL_INPUT")}
          data-testid="portal-input"
          onChange={(e) => setInput(e.target.value)}
        />
        <button type="submit" data-testid="portal-add">
          {t("EXT_UI_ADD")}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
    </div>
  );
}
