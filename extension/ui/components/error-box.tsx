import type { WireError } from "../../models/wire.ts";
import { useI18n } from "../locale-context.tsx";

/** A user-facing error, in the UI's language, with its code for support. */
export function ErrorBox({ error, testId }: { error: WireError; testId?: string }) {
  const { errorText } = useI18n();
  return (
    <div className="error-box" role="alert" data-testid={testId} data-code={error.code}>
      <p>{errorText(error)}</p>
      <p className="error-code">{error.code}</p>
    </div>
  );
}
