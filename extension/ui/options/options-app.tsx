import { useEffect, useState } from "react";
import type { CapHoc } from "../../../shared/model/gradebook.ts";
import { checkPlanPhases } from "../../../shared/progress/parse-plan-phases.ts";
import type { PlanStep } from "../../../shared/progress/progress-report.ts";
import type { WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import {
  loadSettings,
  planPhases,
  saveSettings,
  type PortalSetting,
  type Settings,
} from "../../services/settings.ts";
import { PROFILE_IDS } from "../../services/built-in-profiles.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { PLAN_PHASE_LABEL } from "../components/plan-phase-labels.ts";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { useI18n } from "../locale-context.tsx";
import { PortalList } from "./portal-list.tsx";

const PROFILE_LABEL: Readonly<Record<string, "EXT_UI_PROFILE_GDTX" | "EXT_UI_PROFILE_THPT">> = {
  "gdtx-tt43": "EXT_UI_PROFILE_GDTX",
  "thpt-tt22": "EXT_UI_PROFILE_THPT",
};

/** The options page: portals, adapters and mapping, school, rules profile, language. */
export function OptionsApp() {
  const { t } = useI18n();
  const labels = useProfileLabels();
  const [settings, setSettings] = useState<Settings>();
  const [mappingError, setMappingError] = useState<WireError>();
  const [planError, setPlanError] = useState<WireError>();
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void loadSettings().then(setSettings);
  }, []);
  if (!settings) return <p className="muted">{t("EXT_UI_LOADING")}</p>;

  const edit = (change: Partial<Settings>) => {
    setSaved(false);
    setSettings({ ...settings, ...change });
  };
  const editSchool = (change: Partial<Settings["school"]>) =>
    edit({ school: { ...settings.school, ...change } });
  const editPlan = (change: Partial<Settings["plan"]>) => edit({ plan: { ...settings.plan, ...change } });

  // Portals are saved at once: the permission was just granted or removed.
  const savePortals = async (portals: PortalSetting[]) => {
    const next = { ...settings, portals };
    setSettings(next);
    await saveSettings(next);
    await callBackground("sync-portals", {}).catch(() => undefined);
  };

  const validate = async (text: string): Promise<boolean> => {
    try {
      await callBackground("validate-mapping", { text });
      setMappingError(undefined);
      return true;
    } catch (err) {
      setMappingError(toWireError(err));
      return false;
    }
  };

  const save = async () => {
    if (!(await validate(settings.genericMapping))) return;
    try {
      checkPlanPhases(planPhases(settings.plan));
      setPlanError(undefined);
    } catch (err) {
      setPlanError(toWireError(err));
      return;
    }
    await saveSettings(settings);
    setSaved(true);
  };

  const checkMapping = (text: string) => {
    edit({ genericMapping: text });
    void validate(text);
  };

  return (
    <main className="page options">
      <h1>{t("EXT_UI_OPTIONS_TITLE")}</h1>

      <section>
        <h2>{t("EXT_UI_OPTIONS_PORTALS")}</h2>
        <p className="muted">{t("EXT_UI_OPTIONS_PORTALS_HELP")}</p>
        <PortalList portals={settings.portals} onChange={savePortals} />
      </section>

      <section>
        <h2>{t("EXT_UI_OPTIONS_MAPPING")}</h2>
        <p className="muted">{t("EXT_UI_OPTIONS_MAPPING_HELP")}</p>
        <textarea
          className="json-editor"
          spellCheck={false}
          rows={12}
          value={settings.genericMapping}
          aria-invalid={mappingError !== undefined}
          data-testid="mapping-editor"
          onChange={(e) => checkMapping(e.target.value)}
        />
        {mappingError ? (
          <ErrorBox error={mappingError} testId="mapping-error" />
        ) : (
          <p className="ok-text">{t("EXT_UI_OPTIONS_MAPPING_OK")}</p>
        )}
      </section>

      <section>
        <h2>{t("EXT_UI_OPTIONS_SCHOOL")}</h2>
        <p className="muted">{t("EXT_UI_OPTIONS_SCHOOL_HELP")}</p>
        <div className="form-grid">
          <label>
            {t("EXT_UI_SCHOOL_MA_SO")}
            <input value={settings.school.maSo} onChange={(e) => editSchool({ maSo: e.target.value })} />
          </label>
          <label>
            {t("EXT_UI_SCHOOL_MA_TRUONG")}
            <input
              value={settings.school.maTruong}
              onChange={(e) => editSchool({ maTruong: e.target.value })}
            />
          </label>
          <label>
            {t("EXT_UI_SCHOOL_TEN")}
            <input
              value={settings.school.tenTruong}
              onChange={(e) => editSchool({ tenTruong: e.target.value })}
            />
          </label>
          <label>
            {t("EXT_UI_SCHOOL_DIA_DANH")}
            <input
              value={settings.school.diaDanh}
              onChange={(e) => editSchool({ diaDanh: e.target.value })}
            />
          </label>
          <label>
            {t("EXT_UI_SCHOOL_CAP_HOC")}
            <select
              value={settings.school.capHoc}
              onChange={(e) => editSchool({ capHoc: e.target.value as CapHoc })}
            >
              <option value="05">{t("EXT_UI_CAP_HOC_05")}</option>
              <option value="04">{t("EXT_UI_CAP_HOC_04")}</option>
            </select>
          </label>
        </div>
      </section>

      <section>
        <h2>{t("EXT_UI_OPTIONS_PROFILE")}</h2>
        <select
          value={settings.profile}
          data-testid="profile-select"
          onChange={(e) => edit({ profile: e.target.value })}
        >
          {PROFILE_IDS.map((id) => (
            <option key={id} value={id}>
              {PROFILE_LABEL[id] ? t(PROFILE_LABEL[id]) : id}
            </option>
          ))}
        </select>
      </section>

      <section data-testid="options-plan">
        <h2>{t("EXT_UI_OPTIONS_PLAN")}</h2>
        <div className="form-grid">
          <label>
            {t("EXT_UI_OPTIONS_WAVE1")}
            <input
              type="date"
              data-testid="plan-dot1"
              value={settings.plan.dot1}
              onChange={(e) => editPlan({ dot1: e.target.value })}
            />
          </label>
          <label>
            {t("EXT_UI_OPTIONS_WAVE2")}
            <input
              type="date"
              data-testid="plan-dot2"
              value={settings.plan.dot2}
              onChange={(e) => editPlan({ dot2: e.target.value })}
            />
          </label>
        </div>
        <p className="muted">{t("EXT_UI_OPTIONS_PHASES_HELP")}</p>
        <div className="form-grid">
          {(Object.keys(PLAN_PHASE_LABEL) as PlanStep[]).map((step) => (
            <label key={step}>
              {t(PLAN_PHASE_LABEL[step], { head: labels.head })}
              <input
                type="number"
                min={0}
                max={365}
                data-testid={`plan-phase-${step}`}
                value={settings.plan.phaseDays[step]}
                onChange={(e) =>
                  editPlan({
                    phaseDays: { ...settings.plan.phaseDays, [step]: Math.trunc(Number(e.target.value)) },
                  })
                }
              />
            </label>
          ))}
        </div>
        {planError && <ErrorBox error={planError} testId="plan-error" />}
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="plan-require-tcm"
            checked={settings.plan.requireToChuyenMon}
            onChange={(e) => editPlan({ requireToChuyenMon: e.target.checked })}
          />{" "}
          {t("EXT_UI_OPTIONS_REQUIRE_TCM")}
        </label>
      </section>

      <section>
        <h2>{t("EXT_UI_OPTIONS_LANGUAGE")}</h2>
        <select
          value={settings.language}
          data-testid="language-select"
          onChange={(e) => edit({ language: e.target.value as Settings["language"] })}
        >
          <option value="vi">Tiếng Việt</option>
          <option value="en">English</option>
        </select>
      </section>

      <div className="actions">
        <button type="button" className="primary" data-testid="options-save" onClick={() => void save()}>
          {t("EXT_UI_SAVE")}
        </button>
        {saved && <span className="ok-text">{t("EXT_UI_SAVED")}</span>}
      </div>
    </main>
  );
}
